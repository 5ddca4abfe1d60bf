using System.Text.Json;
using Lakeport.Services.Aws;

namespace Lakeport.Services.Tests.Aws.Conformance;

/// <summary>The validator behind the wire capture test finds each kind of nonconformance against Glue's real model.</summary>
public sealed class ShapeValidatorTests
{
    [Theory]
    [InlineData("""{"DatabaseName":"sales","TableInput":{"Name":"orders"}}""", null)]
    [InlineData("""{"DatabaseName":"sales","TableInput":{"Name":"orders"},"Extra":1}""", "CreateTableRequest has no member Extra")]
    [InlineData("""{"TableInput":{"Name":"orders"}}""", "required member DatabaseName is missing")]
    [InlineData("""{"DatabaseName":"sales","TableInput":{"Name":"orders","Retention":"7"}}""", "expected Number for NonNegativeInteger")]
    [InlineData("""{"DatabaseName":"sales","TableInput":{"Name":"orders","Retention":-1}}""", "below the model's minimum 0")]
    [InlineData("""{"DatabaseName":"sales","TableInput":{"Name":"orders","LastAccessTime":"2026-01-01T00:00:00Z"}}""", "unixTimestamp on the wire")]
    [InlineData("""{"DatabaseName":"sales","TableInput":{"Name":"orders","PartitionKeys":[{"Type":"string"}]}}""", ".TableInput.PartitionKeys[0]: Column's required member Name is missing")]
    [InlineData("""{"DatabaseName":"sales","TableInput":{"Name":"orders","Parameters":{"k":5}}}""", """["k"]: expected String""")]
    [InlineData("""{"DatabaseName":"sales","TableInput":{"Name":"orders","StorageDescriptor":{"Compressed":"yes"}}}""", "expected a boolean")]
    [InlineData("""{"DatabaseName":"sales","TableInput":{"Name":null}}""", "null is not a string")]
    [InlineData("""{"DatabaseName":"","TableInput":{"Name":"orders"}}""", "0 characters, the model's minimum is 1")]
    public async Task CreateTableRequest_IsCheckedForMembersTypesLimitsAndRequired(string json, string? problem)
    {
        var glue = (await WireModel.LoadAllAsync())[AwsService.Glue];
        using var document = JsonDocument.Parse(json);

        var problems = glue.Shapes.Validate(document.RootElement, glue.InputShape("CreateTable")!, "request");

        if (problem is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task EnumsAndPatterns_AreChecked_ExceptInALenientAnswer()
    {
        var glue = (await WireModel.LoadAllAsync())[AwsService.Glue];
        using var document = JsonDocument.Parse("""{"Name":"t","Type":"HOURLY","Actions":[{"JobName":"j"}],"Schedule":"cron(0 1 * * ? *)"}""");

        var strict = glue.Shapes.Validate(document.RootElement, "CreateTriggerRequest", "request");
        var lenient = glue.Shapes.Validate(document.RootElement, "CreateTriggerRequest", "request", unknownMembersAllowed: true);

        Assert.Contains(strict, p => p.Contains("\"HOURLY\" is not one of TriggerType's values", StringComparison.Ordinal));
        Assert.Empty(lenient);
    }

    [Fact]
    public async Task ALenientAnswer_StillHasTheModelsTypes()
    {
        var logs = (await WireModel.LoadAllAsync())[AwsService.Logs];
        using var document = JsonDocument.Parse("""{"events":[{"timestamp":"soon","message":"x","ingestionTime":1}],"moto":true,"nextForwardToken":null}""");

        var problems = logs.Shapes.Validate(document.RootElement, logs.OutputShape("GetLogEvents")!, "answer", unknownMembersAllowed: true);

        Assert.Equal(["answer.events[0].timestamp: expected Number for Timestamp, got String \"soon\"."], problems);
    }
}
