using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Jobs;

namespace Lakeport.Services.Tests.Aws;

public sealed class GlueJobMappingTests
{
    private static readonly JobDefinition MappingJob = new(
        "orders_to_parquet", "nightly", "arn:aws:iam::123456789012:role/glue", new JobCommand("glueetl", "s3://lake/scripts/orders_to_parquet.py"),
        "orders", 3, "4.0", "G.2X", 5, 60, 2, 3,
        new Dictionary<string, string> { ["--job-bookmark-option"] = "job-bookmark-enable" },
        new Dictionary<string, string> { ["--env"] = "prod" });

    [Fact]
    public void CreateJob_WithOnlyTheRequiredMembers_TakesGluesDefaults()
    {
        var request = new CreateJobRequest { Name = "j", Role = "r", Command = new GlueJobCommand { ScriptLocation = "s3://lake/scripts/j.py" } };

        var definition = request.ToDomain("j", request.Command);

        Assert.Equal(("glueetl", "3"), (definition.Command.Name, definition.Command.PythonVersion));
        Assert.Equal(("5.0", 480, 0, 1), (definition.GlueVersion, definition.TimeoutMinutes, definition.MaxRetries, definition.MaxConcurrentRuns));
        Assert.Null(definition.MappingName);
    }

    [Theory]
    [InlineData("4.0", 2880)]
    [InlineData("3.0", 2880)]
    [InlineData("5.0", 480)]
    public void DefaultTimeout_Is480From50_And2880Before(string version, int minutes) =>
        Assert.Equal(minutes, GlueJobMapping.DefaultTimeout(version));

    [Fact]
    public void UpdateJob_ResetsWhatItLeavesOut_ButKeepsRoleCommandAndTheMapping()
    {
        var updated = new GlueJobUpdate { MaxRetries = 1 }.ApplyTo(MappingJob);

        Assert.Equal((MappingJob.Role, MappingJob.Command), (updated.Role, updated.Command));
        Assert.Equal(("orders", 3), (updated.MappingName, updated.MappingVersion));
        Assert.Equal((1, 1, 480), (updated.MaxRetries, updated.MaxConcurrentRuns, updated.TimeoutMinutes));
        Assert.Empty(updated.DefaultArguments);
        Assert.Null(updated.Description);
    }

    [Fact]
    public void UpdateJob_ToAnotherScript_MakesAScriptOnlyJob()
    {
        var updated = new GlueJobUpdate { Command = new GlueJobCommand { ScriptLocation = "s3://lake/scripts/other.py" } }.ApplyTo(MappingJob);

        Assert.Equal("s3://lake/scripts/other.py", updated.Command.ScriptLocation);
        Assert.Equal("glueetl", updated.Command.Name);
        Assert.Null(updated.MappingName);
        Assert.Null(updated.MappingVersion);
    }

    [Fact]
    public void Job_OnTheWire_CarriesCapacityInDpusAndOmitsEmptyNonOverridableArguments()
    {
        var job = new Job(MappingJob with { NonOverridableArguments = new Dictionary<string, string>() }, "adam", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);

        var wire = job.ToWire();

        Assert.Equal(10, wire.MaxCapacity);
        Assert.Null(wire.NonOverridableArguments);
        Assert.Equal("job-bookmark-enable", wire.DefaultArguments!["--job-bookmark-option"]);
        Assert.Equal(3, wire.ExecutionProperty!.MaxConcurrentRuns);
    }
}
