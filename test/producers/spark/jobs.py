"""Real Spark jobs in local mode with the openlineage-spark listener sending to data-context.

    jobs.py <data-context base URL> <openlineage-spark jar> <warehouse dir>

Four jobs, one action each, named by spark.openlineage.appName per job:
  1. ctas_orders: CREATE TABLE orders AS SELECT from an inline VALUES relation
  2. daily_totals: INSERT OVERWRITE daily_totals with a join of orders and customers and an aggregate
  3. merge_customers: a MERGE-like overwrite (customers_current = customers without the updated ids, union the updates)
  4. failing_job: a query whose UDF raises, so the run fails
Prints one line per job: `job <name> ok` or `job <name> failed`.
"""

import sys

from pyspark.sql import SparkSession

base, jar, warehouse = sys.argv[1], sys.argv[2], sys.argv[3]

spark = (
    SparkSession.builder.master("local[1]")
    .appName("dctx_spark_e2e")
    .config("spark.jars", jar)
    # Loopback only: the driver would otherwise bind to the host's address.
    .config("spark.driver.host", "127.0.0.1")
    .config("spark.driver.bindAddress", "127.0.0.1")
    .config("spark.extraListeners", "io.openlineage.spark.agent.OpenLineageSparkListener")
    .config("spark.openlineage.transport.type", "http")
    .config("spark.openlineage.transport.url", base)
    .config("spark.openlineage.transport.endpoint", "/api/v1/lineage")
    .config("spark.openlineage.namespace", "spark-e2e")
    .config("spark.openlineage.columnLineage.datasetLineageEnabled", "true")
    .config("spark.sql.warehouse.dir", warehouse)
    .config("spark.ui.enabled", "false")
    .config("spark.sql.shuffle.partitions", "1")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")


def run(name, sql):
    spark.sparkContext.setJobGroup(name, name)
    spark.conf.set("spark.openlineage.appName", name)
    try:
        spark.sql(sql).collect()
        print(f"job {name} ok", flush=True)
    except Exception as error:  # noqa: BLE001
        print(f"job {name} failed: {type(error).__name__}", flush=True)


spark.sql("CREATE TABLE customers (id INT, country STRING) USING parquet")
spark.sql("INSERT INTO customers VALUES (1, 'FR'), (2, 'DE')")
spark.sql("CREATE TABLE customer_updates (id INT, country STRING) USING parquet")
spark.sql("INSERT INTO customer_updates VALUES (2, 'AT'), (3, 'IT')")
spark.sql("CREATE TABLE daily_totals (country STRING, total DOUBLE) USING parquet")
spark.sql("CREATE TABLE customers_current (id INT, country STRING) USING parquet")

run("ctas_orders", "CREATE TABLE orders USING parquet AS SELECT * FROM VALUES (1, 1, 10.0), (2, 2, 5.5), (3, 1, 2.5) AS t(id, customer_id, amount)")
run("daily_totals", "INSERT OVERWRITE TABLE daily_totals SELECT c.country, sum(o.amount) AS total FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.country")
run(
    "merge_customers",
    "INSERT OVERWRITE TABLE customers_current SELECT c.id, c.country FROM customers c LEFT ANTI JOIN customer_updates u ON u.id = c.id UNION ALL SELECT u.id, u.country FROM customer_updates u",
)
run("failing_job", "INSERT OVERWRITE TABLE daily_totals SELECT country, CAST(raise_error('boom') AS DOUBLE) FROM customers")
spark.stop()
