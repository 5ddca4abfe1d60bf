using System.Text.Json;
using Lakeport.Services.Common;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Local;
using Lakeport.Services.Query.Local.Isolated;
using Lakeport.Services.Security;

namespace Lakeport.Services.Tests.Query;

/// <summary>What crosses between the portal and its query engine process comes back as it went.</summary>
public sealed class EngineProtocolTests
{
    public static TheoryData<Exception> Refusals() => new()
    {
        new SqlSyntaxException("line 3:1: syntax error at or near \"WHERE\"", 3, 1),
        new ConfirmationRequiredException("DROP TABLE a.b removes the table.", ConfirmationKind.Destructive),
        new ConfirmationRequiredException("This scans 3 GiB.", ConfirmationKind.LargeScan),
        new AccessDeniedException("User 'v' (Viewer) may not run CREATE TABLE AS."),
        new InvalidInputException("The statement is 300,000 bytes."),
        new EntityNotFoundException("Database sales was not found."),
        new AlreadyExistsException("Table sales.copy already exists."),
        new QueryFailedException(new QueryError(2, "DIVISION_BY_ZERO", "line 1:8: Division by zero", 1, 8)),
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void AFailure_IsRaisedAgainInThePortal_AsTheSameExceptionWithTheSameDetails(Exception thrown)
    {
        var wire = JsonSerializer.Deserialize<EngineReply>(JsonSerializer.Serialize(new EngineReply(7, Failure: EngineFailures.ToWire(thrown)), EngineJson.Options), EngineJson.Options)!;

        var raised = EngineFailures.FromWire(wire.Failure!);

        Assert.Equal(thrown.GetType(), raised.GetType());
        Assert.Equal(thrown.Message, raised.Message);
        switch (thrown)
        {
            case SqlSyntaxException syntax:
                var again = (SqlSyntaxException)raised;
                Assert.Equal((syntax.Line, syntax.Column), (again.Line, again.Column));
                break;
            case ConfirmationRequiredException confirm:
                Assert.Equal(confirm.Kind, ((ConfirmationRequiredException)raised).Kind);
                break;
            case QueryFailedException failed:
                Assert.Equal(failed.Error, ((QueryFailedException)raised).Error);
                break;
        }
    }

    [Fact]
    public void AnUnexpectedFailure_IsAnInternalError_NamingWhatWentWrong()
    {
        var raised = EngineFailures.FromWire(EngineFailures.ToWire(new IOException("disk full")));

        Assert.IsType<InvalidOperationException>(raised);
        Assert.Equal("The query engine process failed: IOException: disk full", raised.Message);
    }

    [Fact]
    public void ARunRequest_CarriesTheExecutionCallerAndRequest_Whole()
    {
        var execution = new QueryExecution("e1", "SELECT ?", "sales", StatementType.DML, QueryState.RUNNING, null, null, "anna",
            new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero), null, new QueryStatistics(0, 0, 0, 12, null), "s3://r/q/e1.csv", "primary", null)
        {
            ExecutionParameters = ["'x'"],
        };
        var request = new EngineRequest(3, EngineRequest.Run, "e1", new Caller("anna", PortalRole.Analyst, "aws-api 10.0.0.1"),
            new QueryRequest("SELECT ?", "sales", ["'x'"], "primary", null, "token-1", ConfirmedLargeScan: true), execution, "/lake/r/q/e1.csv");

        var read = JsonSerializer.Deserialize<EngineRequest>(JsonSerializer.Serialize(request, EngineJson.Options), EngineJson.Options)!;

        Assert.Equal(request.Caller, read.Caller);
        Assert.Equal(request.Request!.ExecutionParameters, read.Request!.ExecutionParameters);
        Assert.Equal(request.Request with { ExecutionParameters = null }, read.Request with { ExecutionParameters = null });
        Assert.Equal(execution.ExecutionParameters, read.Execution!.ExecutionParameters);
        Assert.Equal(execution with { ExecutionParameters = null }, read.Execution with { ExecutionParameters = null });
        Assert.Equal((3L, EngineRequest.Run, "e1", "/lake/r/q/e1.csv"), (read.Id, read.Op, read.ExecutionId, read.ResultPath));
    }

    [Fact]
    public void AnOutcome_ComesBackWithItsColumnsRowsAndBytes()
    {
        var outcome = new QueryOutcome([new ResultColumn("n", "bigint"), new ResultColumn("s", "array(varchar)")], 30_000_000, 1L << 33);

        var read = JsonSerializer.Deserialize<EngineReply>(JsonSerializer.Serialize(new EngineReply(9, Outcome: outcome), EngineJson.Options), EngineJson.Options)!;

        Assert.Equal(outcome.Columns, read.Outcome!.Columns);
        Assert.Equal((outcome.Rows, outcome.BytesRead), (read.Outcome.Rows, read.Outcome.BytesRead));
    }
}
