using Lakeport.Services.Catalog;
using Lakeport.Services.Common;

namespace Lakeport.Services.Tests.Catalog;

public sealed class HiveTypesTests
{
    [Theory]
    [InlineData("BIGINT", "bigint")]
    [InlineData("decimal(10, 2)", "decimal(10,2)")]
    [InlineData("varchar(40)", "varchar(40)")]
    [InlineData("array<struct<id:int,tags:array<string>>>", "array<struct<id:int,tags:array<string>>>")]
    [InlineData("map<string, struct<a:double>>", "map<string,struct<a:double>>")]
    [InlineData("struct<user_id:bigint, country:string>", "struct<user_id:bigint,country:string>")]
    public void ValidType_IsNormalized(string type, string expected)
    {
        Assert.Equal(expected, HiveTypes.Normalize(type, "c"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("text")]
    [InlineData("array<int")]
    [InlineData("map<string>")]
    [InlineData("struct<>")]
    [InlineData("int); DROP TABLE x; --")]
    [InlineData("varchar")]
    [InlineData("decimal(1,2,3)")]
    [InlineData("struct<a b:int>")]
    public void TypeOutsideTheGrammar_IsInvalidInputNamingTheColumn(string type)
    {
        var error = Assert.Throws<InvalidInputException>(() => HiveTypes.Normalize(type, "amount"));

        Assert.StartsWith("Column 'amount' has type", error.Message, StringComparison.Ordinal);
    }
}
