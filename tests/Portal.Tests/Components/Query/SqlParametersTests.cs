using Lakeport.Portal.Components.Pages.Query;
using Lakeport.Services.Common;

namespace Lakeport.Portal.Tests.Components.Query;

public sealed class SqlParametersTests
{
    [Theory]
    [InlineData("SELECT 1", 0)]
    [InlineData("SELECT ? , ?", 2)]
    [InlineData("SELECT '?', \"a?\", 'it''s ?' , ? -- ?\n /* ? */ + ?", 2)]
    public void Count_IgnoresPlaceholdersInStringsIdentifiersAndComments(string sql, int expected) =>
        Assert.Equal(expected, SqlParameters.Count(sql));

    [Theory]
    [InlineData(ParameterKind.String, "O'Brien", "'O''Brien'")]
    [InlineData(ParameterKind.Number, " -12.5e1 ", "-125")]
    [InlineData(ParameterKind.Date, "2024-02-29", "DATE '2024-02-29'")]
    [InlineData(ParameterKind.Boolean, "True", "TRUE")]
    public void ToLiteral_QuotesEachKindAsSql(ParameterKind kind, string text, string expected) =>
        Assert.Equal(expected, SqlParameters.ToLiteral(new ParameterValue { Kind = kind, Text = text }, 1));

    [Theory]
    [InlineData(ParameterKind.Number, "1; DROP TABLE x")]
    [InlineData(ParameterKind.Date, "2024-02-30")]
    [InlineData(ParameterKind.Boolean, "yes")]
    public void ToLiteral_RefusesAValueNotOfItsKind(ParameterKind kind, string text) =>
        Assert.Throws<InvalidInputException>(() => SqlParameters.ToLiteral(new ParameterValue { Kind = kind, Text = text }, 1));
}
