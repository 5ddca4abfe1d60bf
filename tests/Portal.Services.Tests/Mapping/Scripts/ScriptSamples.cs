namespace Lakeport.Services.Tests.Mapping.Scripts;

/// <summary>Scripts written by hand as Glue produces them, and ones that do more than a mapping.</summary>
internal static class ScriptSamples
{
    public const string Classic = """
        import sys
        from awsglue.transforms import *
        from awsglue.utils import getResolvedOptions
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        from awsglue.job import Job

        ## @params: [JOB_NAME]
        args = getResolvedOptions(sys.argv, ['JOB_NAME'])

        sc = SparkContext()
        glueContext = GlueContext(sc)
        spark = glueContext.spark_session
        job = Job(glueContext)
        job.init(args['JOB_NAME'], args)
        ## @type: DataSource
        ## @args: [database = "sales", table_name = "raw_orders", transformation_ctx = "datasource0"]
        ## @return: datasource0
        ## @inputs: []
        datasource0 = glueContext.create_dynamic_frame.from_catalog(database = "sales", table_name = "raw_orders", transformation_ctx = "datasource0")
        ## @type: ApplyMapping
        ## @args: [mapping = [("order_id", "long", "order_id", "long"), ("`unit.price`", "string", "unit_price", "decimal(10,2)"), ("ts", "string", "ts", "timestamp")], transformation_ctx = "applymapping1"]
        ## @return: applymapping1
        ## @inputs: [frame = datasource0]
        applymapping1 = ApplyMapping.apply(frame = datasource0, mappings = [("order_id", "long", "order_id", "long"), ('`unit.price`', 'string', 'unit_price', 'decimal(10,2)'), ("ts", "string", "ts", "timestamp")], transformation_ctx = "applymapping1")
        ## @type: ResolveChoice
        ## @args: [choice = "make_struct", transformation_ctx = "resolvechoice2"]
        ## @return: resolvechoice2
        ## @inputs: [frame = applymapping1]
        resolvechoice2 = ResolveChoice.apply(frame = applymapping1, choice = "make_struct", transformation_ctx = "resolvechoice2")
        ## @type: DropNullFields
        ## @args: [transformation_ctx = "dropnullfields3"]
        ## @return: dropnullfields3
        ## @inputs: [frame = resolvechoice2]
        dropnullfields3 = DropNullFields.apply(frame = resolvechoice2, transformation_ctx = "dropnullfields3")
        ## @type: DataSink
        ## @args: [connection_type = "s3", connection_options = {"path": "s3://lake/curated/orders/"}, format = "parquet", transformation_ctx = "datasink4"]
        ## @return: datasink4
        ## @inputs: [frame = dropnullfields3]
        datasink4 = glueContext.write_dynamic_frame.from_options(frame = dropnullfields3, connection_type = "s3", connection_options = {"path": "s3://lake/curated/orders/"}, format = "parquet", transformation_ctx = "datasink4")
        job.commit()
        """;

    public const string GlueStudioS3 = """
        import sys
        from awsglue.transforms import *
        from awsglue.utils import getResolvedOptions
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        from awsglue.job import Job

        args = getResolvedOptions(sys.argv, ["JOB_NAME"])
        sc = SparkContext()
        glueContext = GlueContext(sc)
        spark = glueContext.spark_session
        job = Job(glueContext)
        job.init(args["JOB_NAME"], args)

        # Script generated for node Amazon S3
        AmazonS3_node1718000000001 = glueContext.create_dynamic_frame.from_options(
            format_options={
                "quoteChar": '"',
                "withHeader": True,
                "separator": ",",
                "optimizePerformance": False,
            },
            connection_type="s3",
            format="csv",
            connection_options={"paths": ["s3://lake/raw/events/"], "recurse": True},
            transformation_ctx="AmazonS3_node1718000000001",
        )

        # Script generated for node Change Schema
        ChangeSchema_node1718000000002 = ApplyMapping.apply(
            frame=AmazonS3_node1718000000001,
            mappings=[
                ("id", "string", "id", "int"),
                ("kind", "string", "kind", "string"),
                ("year", "string", "year", "int"),
            ],
            transformation_ctx="ChangeSchema_node1718000000002",
        )

        # Script generated for node Amazon S3
        AmazonS3_node1718000000003 = glueContext.getSink(
            path="s3://lake/curated/events/",
            connection_type="s3",
            updateBehavior="UPDATE_IN_DATABASE",
            partitionKeys=["year"],
            enableUpdateCatalog=True,
            transformation_ctx="AmazonS3_node1718000000003",
        )
        AmazonS3_node1718000000003.setCatalogInfo(
            catalogDatabase="curated", catalogTableName="events"
        )
        AmazonS3_node1718000000003.setFormat("glueparquet", compression="snappy")
        AmazonS3_node1718000000003.writeFrame(ChangeSchema_node1718000000002)
        job.commit()
        """;

    public const string FromOptionsSink = """
        import sys
        from awsglue.transforms import *
        from awsglue.utils import getResolvedOptions
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        from awsglue.job import Job
        args = getResolvedOptions(sys.argv, ["JOB_NAME"])
        SRC = glueContext.create_dynamic_frame.from_catalog(database="db", table_name="t", transformation_ctx="SRC")
        AM = ApplyMapping.apply(frame=SRC, mappings=[("a", "string", "a", "int")], transformation_ctx="AM")
        OUT = glueContext.write_dynamic_frame.from_options(frame=AM, connection_type="s3", format="glueparquet", connection_options={"path": "s3://lake/out/", "partitionKeys": ["region"]}, format_options={"compression": "gzip"}, transformation_ctx="OUT")
        job.commit()
        """;

    public const string WithJoin = """
        import sys
        from awsglue.transforms import *
        from awsglue.utils import getResolvedOptions
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        from awsglue.job import Job
        args = getResolvedOptions(sys.argv, ["JOB_NAME"])
        SRC = glueContext.create_dynamic_frame.from_catalog(database="db", table_name="t", transformation_ctx="SRC")
        SRC2 = glueContext.create_dynamic_frame.from_catalog(database="db", table_name="u", transformation_ctx="SRC2")
        AM = ApplyMapping.apply(frame=SRC, mappings=[("a", "string", "a", "int")], transformation_ctx="AM")
        # join them
        J = Join.apply(AM, SRC2, "a", "a")
        OUT = glueContext.write_dynamic_frame.from_options(frame=J, connection_type="s3", format="glueparquet", connection_options={"path": "s3://lake/out/", "partitionKeys": ["region"]}, format_options={"compression": "gzip"}, transformation_ctx="OUT")
        """;

    public const string WithFilter = """
        import sys
        from awsglue.transforms import *
        from awsglue.utils import getResolvedOptions
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        from awsglue.job import Job
        args = getResolvedOptions(sys.argv, ["JOB_NAME"])
        SRC = glueContext.create_dynamic_frame.from_catalog(database="db", table_name="t", transformation_ctx="SRC")
        AM = ApplyMapping.apply(frame=SRC, mappings=[("a", "string", "a", "int")], transformation_ctx="AM")
        F = Filter.apply(frame=AM, f=lambda row: row["a"] > 1)
        OUT = glueContext.write_dynamic_frame.from_options(frame=F, connection_type="s3", format="glueparquet", connection_options={"path": "s3://lake/out/", "partitionKeys": ["region"]}, format_options={"compression": "gzip"}, transformation_ctx="OUT")
        """;

    public const string WithSparkSql = """
        import sys
        from awsglue.transforms import *
        from awsglue.utils import getResolvedOptions
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        from awsglue.job import Job
        args = getResolvedOptions(sys.argv, ["JOB_NAME"])
        SRC = glueContext.create_dynamic_frame.from_catalog(database="db", table_name="t", transformation_ctx="SRC")
        AM = ApplyMapping.apply(frame=SRC, mappings=[("a", "string", "a", "int")], transformation_ctx="AM")
        df = spark.sql("select * from t")
        OUT = glueContext.write_dynamic_frame.from_options(frame=AM, connection_type="s3", format="glueparquet", connection_options={"path": "s3://lake/out/", "partitionKeys": ["region"]}, format_options={"compression": "gzip"}, transformation_ctx="OUT")
        """;

    public const string WithUdf = """
        import sys
        from awsglue.transforms import *
        from awsglue.utils import getResolvedOptions
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        from awsglue.job import Job
        args = getResolvedOptions(sys.argv, ["JOB_NAME"])
        @udf("string")
        def shout(s):
            return s.upper()

        SRC = glueContext.create_dynamic_frame.from_catalog(database="db", table_name="t", transformation_ctx="SRC")
        AM = ApplyMapping.apply(frame=SRC, mappings=[("a", "string", "a", "int")], transformation_ctx="AM")
        OUT = glueContext.write_dynamic_frame.from_options(frame=AM, connection_type="s3", format="glueparquet", connection_options={"path": "s3://lake/out/", "partitionKeys": ["region"]}, format_options={"compression": "gzip"}, transformation_ctx="OUT")
        """;

    public const string WithTwoSinks = """
        import sys
        from awsglue.transforms import *
        from awsglue.utils import getResolvedOptions
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        from awsglue.job import Job
        args = getResolvedOptions(sys.argv, ["JOB_NAME"])
        SRC = glueContext.create_dynamic_frame.from_catalog(database="db", table_name="t", transformation_ctx="SRC")
        AM = ApplyMapping.apply(frame=SRC, mappings=[("a", "string", "a", "int")], transformation_ctx="AM")
        OUT = glueContext.write_dynamic_frame.from_options(frame=AM, connection_type="s3", format="glueparquet", connection_options={"path": "s3://lake/out/", "partitionKeys": ["region"]}, format_options={"compression": "gzip"}, transformation_ctx="OUT")
        OUT2 = glueContext.write_dynamic_frame.from_options(frame=AM, connection_type="s3", format="glueparquet", connection_options={"path": "s3://lake/out/", "partitionKeys": ["region"]}, format_options={"compression": "gzip"}, transformation_ctx="OUT2")
        """;

    public const string WithLoop = """
        import sys
        from awsglue.transforms import *
        from awsglue.utils import getResolvedOptions
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        from awsglue.job import Job
        args = getResolvedOptions(sys.argv, ["JOB_NAME"])
        SRC = glueContext.create_dynamic_frame.from_catalog(database="db", table_name="t", transformation_ctx="SRC")
        AM = ApplyMapping.apply(frame=SRC, mappings=[("a", "string", "a", "int")], transformation_ctx="AM")
        OUT = glueContext.write_dynamic_frame.from_options(frame=AM, connection_type="s3", format="glueparquet", connection_options={"path": "s3://lake/out/", "partitionKeys": ["region"]}, format_options={"compression": "gzip"}, transformation_ctx="OUT")
        for i in range(3):
            print(i)
        """;

    public const string WithPushDown = """
        import sys
        from awsglue.transforms import *
        from awsglue.utils import getResolvedOptions
        from pyspark.context import SparkContext
        from awsglue.context import GlueContext
        from awsglue.job import Job
        args = getResolvedOptions(sys.argv, ["JOB_NAME"])
        SRC = glueContext.create_dynamic_frame.from_catalog(database="db", table_name="t", push_down_predicate="year=2024", transformation_ctx="SRC")
        AM = ApplyMapping.apply(frame=SRC, mappings=[("a", "string", "a", "int")], transformation_ctx="AM")
        OUT = glueContext.write_dynamic_frame.from_options(frame=AM, connection_type="s3", format="glueparquet", connection_options={"path": "s3://lake/out/", "partitionKeys": ["region"]}, format_options={"compression": "gzip"}, transformation_ctx="OUT")
        """;
}
