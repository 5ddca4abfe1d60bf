using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Query.Local;

public enum StatementKind
{
    /// <summary>SELECT, WITH, VALUES (or a parenthesised query): DuckDB's parser confirms it is one query.</summary>
    Query,
    Explain,
    ShowDatabases,
    ShowTables,
    ShowColumns,
    CreateTableAs,
    DropTable,
}

/// <summary>A qualified table name as written; <see cref="Database"/> null when unqualified.</summary>
public sealed record TableName(string? Database, string Table)
{
    public override string ToString() => Database is null ? Table : $"{Database}.{Table}";
}

/// <summary>
/// One classified statement: its kind, the query part DuckDB runs (for EXPLAIN and CTAS the inner query), and the
/// table a SHOW, DESCRIBE, CTAS or DROP names.
/// </summary>
public sealed record GuardedStatement(StatementKind Kind, StatementType Type, string QuerySql, int QueryOffset, TableName? Table = null, string? Database = null, bool IfExists = false)
{
    public bool IsDestructive => Kind == StatementKind.DropTable;
}

/// <summary>
/// Decides what a statement is from its tokens (so comments and strings cannot disguise it) and whether the caller's
/// role may run it. Exactly one statement is accepted. Read-only kinds are open to Viewers; CREATE TABLE AS and DROP
/// TABLE to Admins; everything else is refused with the statement's kind named.
/// </summary>
public static class StatementGuard
{
    private const string ReadOnlyKinds = "SELECT, WITH, VALUES, SHOW, DESCRIBE and EXPLAIN";

    public static GuardedStatement Classify(string sql, IReadOnlyList<SqlToken> tokens, Caller caller)
    {
        var statements = SqlText.Statements(tokens);
        if (statements.Count == 0)
        {
            throw new InvalidInputException("The statement is empty.");
        }

        if (statements.Count > 1)
        {
            throw new InvalidInputException($"Only one statement can run at a time; this text holds {statements.Count} (separated by semicolons).");
        }

        var t = statements[0];
        var end = t[^1].Start + t[^1].Text.Length;
        string From(int index) => sql[t[index].Start..end];
        var first = t[0];

        if (first.Is("SELECT") || first.Is("WITH") || first.Is("VALUES") || first.Is("FROM") || first.Text == "(")
        {
            return new GuardedStatement(StatementKind.Query, StatementType.DML, From(0), first.Start);
        }

        if (first.Is("EXPLAIN"))
        {
            var at = t.Count > 1 && t[1].Is("ANALYZE") ? 2 : 1;
            return at < t.Count
                ? new GuardedStatement(StatementKind.Explain, StatementType.UTILITY, From(at), t[at].Start)
                : throw new InvalidInputException("EXPLAIN needs a query to explain.");
        }

        if (first.Is("SHOW"))
        {
            return Show(t);
        }

        if (first.Is("DESCRIBE") || first.Is("DESC"))
        {
            var at = 1;
            var name = ReadName(t, ref at) ?? throw new InvalidInputException("DESCRIBE needs a table name.");
            return new GuardedStatement(StatementKind.ShowColumns, StatementType.UTILITY, "", 0, name);
        }

        if (first.Is("CREATE") && t.Count > 1 && t[1].Is("TABLE"))
        {
            caller.Require(QueryRules.Write, "run CREATE TABLE AS");
            var at = 2;
            var ifNotExists = t.Count > at + 2 && t[at].Is("IF") && t[at + 1].Is("NOT") && t[at + 2].Is("EXISTS");
            at += ifNotExists ? 3 : 0;
            var name = ReadName(t, ref at) ?? throw new InvalidInputException("CREATE TABLE needs a table name.");
            if (at >= t.Count || !t[at].Is("AS") || at + 1 >= t.Count)
            {
                throw new InvalidInputException("Only CREATE TABLE … AS SELECT … is supported (CTAS, written as Parquet); table properties (WITH …) and column lists are not.");
            }

            return new GuardedStatement(StatementKind.CreateTableAs, StatementType.DDL, From(at + 1), t[at + 1].Start, name, IfExists: ifNotExists);
        }

        if (first.Is("DROP") && t.Count > 1 && t[1].Is("TABLE"))
        {
            caller.Require(QueryRules.Write, "run DROP TABLE");
            var at = 2;
            var ifExists = t.Count > at + 1 && t[at].Is("IF") && t[at + 1].Is("EXISTS");
            at += ifExists ? 2 : 0;
            var name = ReadName(t, ref at) ?? throw new InvalidInputException("DROP TABLE needs a table name.");
            return at == t.Count
                ? new GuardedStatement(StatementKind.DropTable, StatementType.DDL, "", 0, name, IfExists: ifExists)
                : throw new InvalidInputException("DROP TABLE takes one table name and nothing after it.");
        }

        var kind = first.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier
            ? string.Join(' ', t.Take(2).Where(x => x.Kind == SqlTokenKind.Word).Select(x => x.Text.ToUpperInvariant()))
            : first.Text;
        throw caller.Role.Allows(QueryRules.Write)
            ? new AccessDeniedException($"{kind} statements are not allowed in Lakeport's query engine: it runs {ReadOnlyKinds}, plus CREATE TABLE AS and DROP TABLE for Admins.")
            : new AccessDeniedException($"{kind} statements are not allowed: {caller.Role} users run read-only statements ({ReadOnlyKinds}).");
    }

    private static GuardedStatement Show(IReadOnlyList<SqlToken> t)
    {
        var at = 1;
        if (at < t.Count && (t[at].Is("DATABASES") || t[at].Is("SCHEMAS")) && at + 1 == t.Count)
        {
            return new GuardedStatement(StatementKind.ShowDatabases, StatementType.UTILITY, "", 0);
        }

        if (at < t.Count && t[at].Is("TABLES"))
        {
            at++;
            string? database = null;
            if (at < t.Count && (t[at].Is("IN") || t[at].Is("FROM")))
            {
                at++;
                database = at < t.Count && t[at].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier ? t[at++].Name : null;
            }

            return at == t.Count
                ? new GuardedStatement(StatementKind.ShowTables, StatementType.UTILITY, "", 0, Database: database)
                : throw new InvalidInputException("SHOW TABLES takes an optional IN database and nothing else in Lakeport.");
        }

        if (at < t.Count && t[at].Is("COLUMNS") && at + 1 < t.Count && (t[at + 1].Is("IN") || t[at + 1].Is("FROM")))
        {
            at += 2;
            var name = ReadName(t, ref at) ?? throw new InvalidInputException("SHOW COLUMNS needs a table name.");
            return new GuardedStatement(StatementKind.ShowColumns, StatementType.UTILITY, "", 0, name);
        }

        throw new InvalidInputException("Lakeport supports SHOW DATABASES, SHOW SCHEMAS, SHOW TABLES [IN db] and SHOW COLUMNS IN table.");
    }

    /// <summary>Reads <c>name</c> or <c>db.name</c> (words, double quotes or backticks).</summary>
    private static TableName? ReadName(IReadOnlyList<SqlToken> t, ref int at)
    {
        static bool IsName(SqlToken token) => token.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;
        if (at >= t.Count || !IsName(t[at]))
        {
            return null;
        }

        var first = t[at++].Name;
        if (at + 1 < t.Count && t[at].Text == "." && t[at].Kind == SqlTokenKind.Symbol && IsName(t[at + 1]))
        {
            var second = t[at + 1].Name;
            at += 2;
            return new TableName(first, second);
        }

        return new TableName(null, first);
    }
}
