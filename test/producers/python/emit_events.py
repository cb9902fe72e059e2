"""Sends one of each OpenLineage event type, with every facet openlineage-python ships that
data-context reads, through the client's HTTP transport, then prints what it sent (one JSON event
per line, as the client serialised it) for the test to compare with what GraphQL reads back.

    emit_events.py <transport config as JSON> <namespace prefix>

With the prefix `bomb` it sends one event of 4 MB that gzip makes a few kB.

The transport config is the `transport` section of openlineage.yml (type http, url, endpoint,
compression, auth, custom_headers).
"""

import json
import sys

from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import (
    DatasetEvent,
    InputDataset,
    Job,
    JobEvent,
    OutputDataset,
    Run,
    RunEvent,
    RunState,
    StaticDataset,
)
from openlineage.client.facet_v2 import (
    column_lineage_dataset,
    data_quality_assertions_dataset,
    documentation_dataset,
    documentation_job,
    error_message_run,
    job_type_job,
    lifecycle_state_change_dataset,
    ownership_dataset,
    ownership_job,
    parent_run,
    processing_engine_run,
    schema_dataset,
    source_code_job,
    sql_job,
)
from openlineage.client.serde import Serde

PRODUCER = "https://github.com/data-context/test/producers/python/emit_events.py"

transport = json.loads(sys.argv[1])
prefix = sys.argv[2]
JOBS = f"{prefix}-scheduler"
WAREHOUSE = f"postgres://{prefix}-db:5432"

# Run ids are fixed per prefix so a second send of the same events is the same events.
def run_id(n: int) -> str:
    digits = "".join(f"{ord(c):02x}" for c in prefix)[:8].ljust(8, "0")
    return f"{digits}-0000-4000-8000-{n:012d}"


def schema(*fields):
    return schema_dataset.SchemaDatasetFacet(
        fields=[schema_dataset.SchemaDatasetFacetFields(name=n, type=t, description=d) for n, t, d in fields]
    )


orders = schema(("id", "bigint", "order id"), ("customer_id", "bigint", None), ("amount", "numeric", "in EUR"))
customers = schema(("id", "bigint", None), ("country", "text", "ISO 3166"))
daily = schema(("customer_id", "bigint", None), ("country", "text", None), ("total", "numeric", "sum of amount"))


def field(name, column, kind, subtype):
    return column_lineage_dataset.InputField(
        namespace=WAREHOUSE,
        name=name,
        field=column,
        transformations=[column_lineage_dataset.Transformation(type=kind, subtype=subtype, masking=False)],
    )


lineage = column_lineage_dataset.ColumnLineageDatasetFacet(
    fields={
        "customer_id": column_lineage_dataset.Fields(inputFields=[field("public.orders", "customer_id", "DIRECT", "IDENTITY")]),
        "country": column_lineage_dataset.Fields(inputFields=[field("public.customers", "country", "DIRECT", "IDENTITY")]),
        "total": column_lineage_dataset.Fields(inputFields=[field("public.orders", "amount", "DIRECT", "AGGREGATION")]),
    },
    dataset=[field("public.orders", "customer_id", "INDIRECT", "JOIN"), field("public.customers", "id", "INDIRECT", "JOIN")],
)

quality = data_quality_assertions_dataset.DataQualityAssertionsDatasetFacet(
    assertions=[
        data_quality_assertions_dataset.Assertion(assertion="not_null", success=True, column="id"),
        data_quality_assertions_dataset.Assertion(assertion="unique", success=False, column="id"),
        data_quality_assertions_dataset.Assertion(assertion="row_count_above_0", success=True),
    ]
)

daily_job = Job(
    namespace=JOBS,
    name="orders_daily",
    facets={
        "sql": sql_job.SQLJobFacet(query="INSERT INTO public.orders_daily SELECT o.customer_id, c.country, sum(o.amount) FROM public.orders o JOIN public.customers c ON c.id = o.customer_id GROUP BY 1, 2"),
        "jobType": job_type_job.JobTypeJobFacet(processingType="BATCH", integration="AIRFLOW", jobType="QUERY"),
        "ownership": ownership_job.OwnershipJobFacet(owners=[ownership_job.Owner(name="team:risk-data", type="TEAM")]),
        "documentation": documentation_job.DocumentationJobFacet(description="Daily order totals per customer"),
    },
)
parent = parent_run.ParentRunFacet(
    run=parent_run.Run(runId=run_id(99)),
    job=parent_run.Job(namespace=JOBS, name="daily_dag"),
)
engine = processing_engine_run.ProcessingEngineRunFacet(version="2.10.5", name="Airflow", openlineageAdapterVersion="1.54.0")
inputs = [
    InputDataset(
        namespace=WAREHOUSE,
        name="public.orders",
        facets={
            "schema": orders,
            "documentation": documentation_dataset.DocumentationDatasetFacet(description="Card orders"),
            "ownership": ownership_dataset.OwnershipDatasetFacet(owners=[ownership_dataset.Owner(name="alice", type="USER")]),
        },
        inputFacets={"dataQualityAssertions": quality},
    ),
    InputDataset(namespace=WAREHOUSE, name="public.customers", facets={"schema": customers}),
]
outputs = [OutputDataset(namespace=WAREHOUSE, name="public.orders_daily", facets={"schema": daily, "columnLineage": lineage})]

python_job = Job(
    namespace=JOBS,
    name="score_customers",
    facets={
        "sourceCode": source_code_job.SourceCodeJobFacet(language="Python", sourceCode="def score(df):\n    return df.amount / 0\n"),
        "jobType": job_type_job.JobTypeJobFacet(processingType="BATCH", integration="PYTHON", jobType="JOB"),
    },
)
stage = OutputDataset(namespace=WAREHOUSE, name="public.scores_stage", facets={"schema": schema(("customer_id", "bigint", None))})
dropped = OutputDataset(
    namespace=WAREHOUSE,
    name="public.scores_stage",
    facets={"lifecycleStateChange": lifecycle_state_change_dataset.LifecycleStateChangeDatasetFacet(lifecycleStateChange=lifecycle_state_change_dataset.LifecycleStateChange.DROP)},
)
cleanup_job = Job(namespace=JOBS, name="drop_scores_stage", facets={})

events = [
    RunEvent(eventType=RunState.START, eventTime="2026-03-01T08:00:00.000Z", run=Run(runId=run_id(1), facets={"parent": parent, "processing_engine": engine}), job=daily_job, inputs=inputs, outputs=outputs, producer=PRODUCER),
    RunEvent(eventType=RunState.COMPLETE, eventTime="2026-03-01T08:05:00.000Z", run=Run(runId=run_id(1), facets={"parent": parent}), job=daily_job, inputs=inputs, outputs=outputs, producer=PRODUCER),
    RunEvent(eventType=RunState.START, eventTime="2026-03-01T09:00:00.000Z", run=Run(runId=run_id(2)), job=python_job, inputs=[InputDataset(namespace=WAREHOUSE, name="public.orders_daily")], outputs=[stage], producer=PRODUCER),
    RunEvent(
        eventType=RunState.FAIL,
        eventTime="2026-03-01T09:01:00.000Z",
        run=Run(runId=run_id(2), facets={"errorMessage": error_message_run.ErrorMessageRunFacet(message="division by zero", programmingLanguage="Python", stackTrace="ZeroDivisionError: division by zero")}),
        job=python_job,
        producer=PRODUCER,
    ),
    RunEvent(eventType=RunState.COMPLETE, eventTime="2026-03-01T10:00:00.000Z", run=Run(runId=run_id(3)), job=cleanup_job, outputs=[dropped], producer=PRODUCER),
    DatasetEvent(
        eventTime="2026-03-01T11:00:00.000Z",
        dataset=StaticDataset(
            namespace=WAREHOUSE,
            name="public.customers",
            facets={
                "schema": customers,
                "documentation": documentation_dataset.DocumentationDatasetFacet(description="One row per customer"),
                "ownership": ownership_dataset.OwnershipDatasetFacet(owners=[ownership_dataset.Owner(name="team:crm", type="TEAM")]),
            },
        ),
        producer=PRODUCER,
    ),
    JobEvent(
        eventTime="2026-03-01T12:00:00.000Z",
        job=Job(
            namespace=JOBS,
            name="customers_by_country",
            facets={
                "sql": sql_job.SQLJobFacet(query="CREATE VIEW public.customers_by_country AS SELECT country, count(*) FROM public.customers GROUP BY country"),
                "jobType": job_type_job.JobTypeJobFacet(processingType="BATCH", integration="DBT", jobType="VIEW"),
            },
        ),
        inputs=[InputDataset(namespace=WAREHOUSE, name="public.customers")],
        outputs=[OutputDataset(namespace=WAREHOUSE, name="public.customers_by_country")],
        producer=PRODUCER,
    ),
]

if prefix == "bomb":
    # One event whose gzip body is small but inflates past the server's body limit: refused with 413.
    huge = Job(namespace=JOBS, name="huge", facets={"documentation": documentation_job.DocumentationJobFacet(description="a" * 4_000_000)})
    events = [RunEvent(eventType=RunState.START, eventTime="2026-03-01T08:00:00.000Z", run=Run(runId=run_id(1)), job=huge, producer=PRODUCER)]

client = OpenLineageClient(config={"transport": transport})
for event in events:
    client.emit(event)
    print(Serde.to_json(event), flush=True)
client.close()
