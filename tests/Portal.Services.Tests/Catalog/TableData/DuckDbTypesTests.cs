using Lakeport.Services.Common;
using Lakeport.Services.Local.DuckDb;

namespace Lakeport.Services.Tests.Catalog.TableData;

public sealed class DuckDbTypesTests
{
    [Theory]
    [InlineData("string", "VARCHAR")]
    [InlineData("BIGINT", "BIGINT")]
    [InlineData("int", "INTEGER")]
    [InlineData("float", "REAL")]
    [InlineData("decimal", "DECIMAL(10,0)")]
    [InlineData("decimal(12, 2)", "DECIMAL(12,2)")]
    [InlineData("varchar(10)", "VARCHAR")]
    [InlineData("binary", "BLOB")]
    [InlineData("array<struct<a:int,b:array<string>>>", "STRUCT(\"a\" INTEGER, \"b\" VARCHAR[])[]")]
    [InlineData("map<string, bigint>", "MAP(VARCHAR, BIGINT)")]
    [InlineData("struct<select:timestamp,from:date>", "STRUCT(\"select\" TIMESTAMP, \"from\" DATE)")]
    public void HiveTypes_MapToDuckDbTypes_WithStructFieldsQuoted(string hive, string duckDb) =>
        Assert.Equal(duckDb, DuckDbTypes.FromHive(hive, "c"));

    [Theory]
    [InlineData("struct<a:int>); DROP TABLE x; --")]
    [InlineData("uuid")]
    public void TextOutsideTheHiveGrammar_NeverBecomesSql(string hive) =>
        Assert.Throws<InvalidInputException>(() => DuckDbTypes.FromHive(hive, "c"));

    [Theory]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("naïve col", "\"naïve col\"")]
    public void Identifiers_AreDoubleQuoted_WithQuotesDoubled(string name, string quoted) =>
        Assert.Equal(quoted, DuckDbSql.Identifier(name));

    [Fact]
    public void Literals_DoubleTheirSingleQuotes() =>
        Assert.Equal("['it''s', '\\x']", DuckDbSql.List(["it's", "\\x"]));
}
