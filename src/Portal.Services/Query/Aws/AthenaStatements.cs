using System.Text;
using Lakeport.Services.Common;
using Lakeport.Services.Query.Local;
using Lakeport.Services.Security;

namespace Lakeport.Services.Query.Aws;

/// <summary>
/// The checks a statement passes before it is sent to Athena, the same as on the local engine: its size, the role
/// that may run its kind (read-only for Viewers and Analysts; CREATE TABLE AS and DROP TABLE for Admins), and the
/// confirmation a destructive statement needs. The scan guardrail is not applied: Athena tells no sizes up front.
/// </summary>
public static class AthenaStatements
{
    public static GuardedStatement Check(Caller caller, QueryRequest request)
    {
        caller.Require(QueryRules.Read, "run queries");
        var bytes = Encoding.UTF8.GetByteCount(request.Sql);
        if (bytes > QueryRules.MaxSqlBytes)
        {
            throw new InvalidInputException($"The statement is {bytes:N0} bytes; Athena accepts at most {QueryRules.MaxSqlBytes:N0} bytes.");
        }

        var statement = StatementGuard.Classify(request.Sql, SqlText.Tokenize(request.Sql), caller);
        if (statement.IsDestructive && !request.ConfirmedDestructive)
        {
            throw new ConfirmationRequiredException($"DROP TABLE {statement.Table} removes the table from the Glue catalog (its files stay in S3). Confirm to run it.", ConfirmationKind.Destructive);
        }

        return statement;
    }
}
