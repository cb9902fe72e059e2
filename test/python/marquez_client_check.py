"""Reads data-context through Marquez's own Python client (marquez-python), as a Marquez user's script does.

Usage: python marquez_client_check.py <base url>. Prints one JSON object with what each call answered;
test/server/marquez/marquezPython.test.ts checks it. Lineage and search have no method in the client:
they go through its HTTP helper (_get/_url), with the client's headers and error handling.
"""
import json
import sys

from marquez_client import MarquezClient
from marquez_client.client import quote  # noqa: F401  (the client's own URL quoting, used by _url)

WAREHOUSE = 'hive://warehouse'
JOBS = 'airflow://risk'

client = MarquezClient(url=sys.argv[1])
out = {}
out['namespaces'] = [n['name'] for n in client.list_namespaces()['namespaces']]
out['namespace'] = client.get_namespace(WAREHOUSE)['name']
datasets = client.list_datasets(WAREHOUSE)['datasets']
out['datasets'] = [d['name'] for d in datasets]
card = client.get_dataset(WAREHOUSE, 'ods.ods_card_info')
out['cardFields'] = [[f['name'], f['type']] for f in card['fields']]
out['cardDescription'] = card['description']
versions = client.list_dataset_versions(WAREHOUSE, 'ods.ods_txn')['versions']
out['txnVersionFields'] = [[f['name'] for f in v['fields']] for v in versions]
out['txnCurrentIsNewest'] = client.get_dataset(WAREHOUSE, 'ods.ods_txn')['currentVersion'] == versions[0]['version']
out['txnOldestByVersion'] = [f['name'] for f in client.get_dataset_version(WAREHOUSE, 'ods.ods_txn', versions[-1]['version'])['fields']]
out['jobs'] = [j['name'] for j in client.list_jobs(JOBS)['jobs']]
job = client.get_job(JOBS, 'dwd.dwd_txn_card.insert')
out['jobInputs'] = [d['name'] for d in job['inputs']]
out['jobOutputs'] = [d['name'] for d in job['outputs']]
out['jobLatestRunState'] = job['latestRun']['state']
out['jobSql'] = job['facets']['sql']['query']
runs = client.list_job_runs(JOBS, 'dwd.dwd_txn_card.insert')['runs']
out['runs'] = [[r['id'], r['state'], r['durationMs']] for r in runs]
failed = client.get_job_run(runs[0]['id'])
out['failedError'] = failed['facets']['errorMessage']['message']
column = client.get_column_lineage_by_dataset_field(WAREHOUSE, 'dws.dws_card_daily', 'total_amount')
out['columnLineage'] = sorted(n['id'] for n in column['graph'])
lineage = client._get(client._url('/lineage'), params={'nodeId': f'dataset:{WAREHOUSE}:dws.dws_card_daily', 'depth': 2})
out['lineage'] = sorted(n['id'] for n in lineage['graph'])
search = client._get(client._url('/search'), params={'q': 'card', 'filter': 'JOB'})
out['search'] = [r['nodeId'] for r in search['results']]
try:
    client.create_namespace('new_namespace', 'me')
    out['createNamespace'] = 'accepted'
except Exception as error:  # the client raises APIError from the HTTP error
    out['createNamespace'] = f'{type(error).__name__}: {error.__cause__.response.status_code}'
print(json.dumps(out))
