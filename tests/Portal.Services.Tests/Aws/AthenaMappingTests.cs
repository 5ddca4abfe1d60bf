using System.Text.Json;
using Lakeport.Services.Aws.Wire;
using Lakeport.Services.Aws.Wire.Athena;
using Lakeport.Services.Query;

namespace Lakeport.Services.Tests.Aws;

/// <summary>How query executions, errors and result columns become Athena's values on the wire.</summary>
public sealed class AthenaMappingTests
{
    [Fact]
    public void AthenaNullDatum_HasNoVarCharValue_AndAnEmptyStringKeepsOne()
    {
        var row = new AthenaRow { Data = [new AthenaDatum { VarCharValue = null }, new AthenaDatum { VarCharValue = "" }] };

        Assert.Equal("""{"Data":[{},{"VarCharValue":""}]}""", JsonSerializer.Serialize(row, AwsJson.Options));
    }

    [Theory]
    [InlineData("SYNTAX_ERROR", 2, 1000)]
    [InlineData("DIVISION_BY_ZERO", 2, 1001)]
    [InlineData("EXCEEDED_TIME_LIMIT", 2, 206)]
    [InlineData("GENERIC_INTERNAL_ERROR", 1, 200)]
    public void AthenaError_UsesTheNumericTypesOfAthenasErrorCatalog_AndNamesTheEngineError(string engineType, int category, int athenaType)
    {
        var error = new QueryError(category, engineType, "line 1:8: went wrong", 1, 8).ToWire();

        Assert.Equal(category, error.ErrorCategory);
        Assert.Equal(athenaType, error.ErrorType);
        Assert.Equal(category == 1, error.Retryable);
        Assert.Equal($"{engineType}: line 1:8: went wrong", error.ErrorMessage);
    }

    [Theory]
    [InlineData("varchar", "varchar", int.MaxValue, 0, true)]
    [InlineData("bigint", "bigint", 19, 0, false)]
    [InlineData("decimal(10,2)", "decimal", 10, 2, false)]
    [InlineData("array(varchar)", "array", 0, 0, false)]
    public void AthenaColumnInfo_GivesTheBaseTypeWithPrecisionAndScale(string type, string athenaType, int precision, int scale, bool caseSensitive)
    {
        var info = new ResultColumn("c", type).ToColumnInfo();

        Assert.Equal((athenaType, precision, scale, caseSensitive, "UNKNOWN", "hive"), (info.Type, info.Precision, info.Scale, info.CaseSensitive, info.Nullable, info.CatalogName));
        Assert.Equal(("c", "c"), (info.Name, info.Label));
    }
}
