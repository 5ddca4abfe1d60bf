using Lakeport.Services.Aws.Wire.Athena;
using Lakeport.Services.Catalog;
using Lakeport.Services.Catalog.Aws;
using Lakeport.Services.Query;

namespace Lakeport.Services.Tests.Aws;

/// <summary>Athena's answers read back into the query model, and the SQL the Aws table data sends.</summary>
public sealed class AthenaClientMappingTests
{
    private static readonly QueryExecution Recorded = new("q1", "SELECT 1", "sales", StatementType.DML, QueryState.RUNNING, null, null, "anna",
        DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), null, QueryStatistics.None, "s3://r/athena/q1.csv", "primary", null);

    [Fact]
    public void Refresh_Succeeded_TakesStateStatisticsAndCompletion_KeepsWhoRanIt()
    {
        var completed = DateTimeOffset.FromUnixTimeSeconds(1_700_000_005);
        var refreshed = Recorded.Refresh(new AthenaQueryExecution
        {
            QueryExecutionId = "q1",
            Query = "SELECT 1",
            Status = new AthenaQueryExecutionStatus { State = "SUCCEEDED", CompletionDateTime = completed },
            Statistics = new AthenaQueryExecutionStatistics { DataScannedInBytes = 2048, EngineExecutionTimeInMillis = 900, TotalExecutionTimeInMillis = 1200, QueryQueueTimeInMillis = 50 },
            ResultConfiguration = new AthenaResultConfiguration { OutputLocation = "s3://elsewhere/wg/q1.csv" },
        });

        Assert.Equal((QueryState.SUCCEEDED, completed, "anna", "SELECT 1"), (refreshed.State, refreshed.CompletedAt, refreshed.SubmittedBy, refreshed.Sql));
        Assert.Equal(new QueryStatistics(2048, 900, 1200, 50, null), refreshed.Statistics);
        Assert.Equal("s3://elsewhere/wg/q1.csv", refreshed.OutputLocation);
    }

    [Fact]
    public void Refresh_Running_KeepsCompletionOpen_AndAnUnknownStateAsRecorded()
    {
        var running = Recorded.Refresh(new AthenaQueryExecution { Status = new AthenaQueryExecutionStatus { State = "RUNNING", CompletionDateTime = DateTimeOffset.UnixEpoch } });
        var odd = Recorded.Refresh(new AthenaQueryExecution { Status = new AthenaQueryExecutionStatus { State = "SOMETHING_NEW" } });

        Assert.Null(running.CompletedAt);
        Assert.Equal(QueryState.RUNNING, odd.State);
    }

    [Fact]
    public void AthenaError_WithEngineNameAndPosition_GivesTypeLineAndColumn()
    {
        var error = new AthenaError { ErrorCategory = 2, ErrorType = 1000, ErrorMessage = "SYNTAX_ERROR: line 3:14: Column 'x' cannot be resolved" }.ToDomain();

        Assert.Equal(new QueryError(2, "SYNTAX_ERROR", "line 3:14: Column 'x' cannot be resolved", 3, 14), error);
    }

    [Theory]
    [InlineData(206, 2, "EXCEEDED_TIME_LIMIT")]
    [InlineData(1001, 2, "DATA_ERROR")]
    [InlineData(200, 1, "GENERIC_INTERNAL_ERROR")]
    [InlineData(1000, 2, "USER_ERROR")]
    public void AthenaError_WithoutAName_IsNamedByItsNumber(int type, int category, string expected)
    {
        var error = new AthenaError { ErrorCategory = category, ErrorType = type, ErrorMessage = "Query exhausted resources" }.ToDomain();

        Assert.Equal((expected, "Query exhausted resources", (int?)null), (error.ErrorType, error.Message, error.Line));
    }

    [Fact]
    public void RoundTrip_ServerSideError_ReadsBackTheSameError()
    {
        var original = new QueryError(2, "TABLE_NOT_FOUND", "line 1:15: Table 'sales.nope' does not exist", 1, 15);

        Assert.Equal(original, original.ToWire().ToDomain());
    }

    [Fact]
    public void ColumnInfo_Decimal_GetsPrecisionAndScale_OthersKeepTheirName()
    {
        Assert.Equal(new ResultColumn("price", "decimal(10,2)"), new AthenaColumnInfo { Name = "price", Type = "decimal", Precision = 10, Scale = 2 }.ToResultColumn());
        Assert.Equal(new ResultColumn("tags", "array"), new AthenaColumnInfo { Name = "tags", Type = "array" }.ToResultColumn());
        Assert.Equal(new ResultColumn("n", "bigint"), new AthenaColumnInfo { Name = "n", Type = "BIGINT" }.ToResultColumn());
    }

    [Fact]
    public void Row_DatumWithoutValue_IsNull_EmptyStaysEmpty()
    {
        var cells = new AthenaRow { Data = [new AthenaDatum { VarCharValue = "a" }, new AthenaDatum(), new AthenaDatum { VarCharValue = "" }] }.ToCells();

        Assert.Equal(["a", null, ""], cells);
    }

    [Theory]
    [InlineData("s3://r/athena/", "s3://r/athena/q1.csv")]
    [InlineData("s3://r/athena/q1.csv", "s3://r/athena/q1.csv")]
    public void ResultFile_AFolderGetsTheObjectAthenaNames(string location, string expected) =>
        Assert.Equal(expected, AthenaClientMapping.ResultFile(location, "q1"));

    [Fact]
    public void TableDataSql_QuotesIdentifiers_AndLeavesNestedAndBinaryUnordered()
    {
        var storage = StorageDescriptor.Empty with { Columns = [new CatalogColumn("we\"ird", "int"), new CatalogColumn("tags", "array<string>"), new CatalogColumn("blob", "binary")] };
        var table = new CatalogTable("sales", TableDefinition.Create("or ders", storage, [new CatalogColumn("year", "string")]), "1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "adam", "adam");

        Assert.Equal("SELECT * FROM \"sales\".\"or ders\" LIMIT 5", AthenaTableData.PreviewSql(table, 5));
        Assert.Equal(
            "SELECT count(*), count(\"we\"\"ird\"), approx_distinct(\"we\"\"ird\"), CAST(min(\"we\"\"ird\") AS varchar), CAST(max(\"we\"\"ird\") AS varchar)"
            + ", count(\"tags\"), approx_distinct(\"tags\"), NULL, NULL, count(\"blob\"), approx_distinct(\"blob\"), NULL, NULL"
            + ", count(\"year\"), approx_distinct(\"year\"), CAST(min(\"year\") AS varchar), CAST(max(\"year\") AS varchar) FROM \"sales\".\"or ders\"",
            AthenaTableData.StatisticsSql(table, AthenaTableData.ColumnsOf(table)));
    }
}
