using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.Tests.AwsCli;

/// <summary>
/// The AWS CLI defines, reads, changes, starts, stops and deletes Glue triggers on /aws, over the portal's
/// <see cref="ITriggers"/>; the role check runs in the endpoint and is tested on its own.
/// </summary>
public sealed class GlueTriggerCliTests(SharedPortal portal)
{
    private const string Role = "arn:aws:iam::000000000000:role/lakeport";

    private static async Task<string> CreateJobAsync(AwsCli admin)
    {
        var job = $"trg-job-{Guid.NewGuid():N}"[..20];
        var create = await admin.RunAsync("glue", "create-job", "--name", job, "--role", Role, "--command", "Name=glueetl,ScriptLocation=s3://samples/scripts/none.py");
        Assert.True(create.ExitCode == 0, create.Stderr);
        return job;
    }

    private static string NewName() => $"trg-{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task DefiningStartingStoppingAndDeletingTriggers_NeedsTheAdminRole()
    {
        var (analyst, _) = await portal.NewCliAsync(PortalRole.Analyst);
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);
        var name = NewName();

        var create = await analyst.RunAsync("glue", "create-trigger", "--name", name, "--type", "ON_DEMAND", "--actions", "JobName=any");
        var update = await analyst.RunAsync("glue", "update-trigger", "--name", name, "--trigger-update", """{"Description":"x"}""");
        var start = await viewer.RunAsync("glue", "start-trigger", "--name", name);
        var stop = await viewer.RunAsync("glue", "stop-trigger", "--name", name);
        var delete = await analyst.RunAsync("glue", "delete-trigger", "--name", name);

        Assert.All([create, update, start, stop, delete], r => Assert.Contains("(AccessDeniedException)", r.Stderr, StringComparison.Ordinal));
        Assert.Contains("needs the Admin role", create.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduledTrigger_IsCreatedReadUpdatedStoppedStartedAndDeleted()
    {
        var admin = portal.AdminCli();
        var (viewer, _) = await portal.NewCliAsync(PortalRole.Viewer);
        var job = await CreateJobAsync(admin);
        var name = NewName();

        var create = await admin.RunAsync("glue", "create-trigger", "--name", name, "--type", "SCHEDULED", "--schedule", "cron(0 2 * * ? *)",
            "--actions", $$$"""[{"JobName":"{{{job}}}","Arguments":{"--day":"today"}}]""", "--description", "nightly", "--start-on-creation");
        var got = await viewer.RunAsync("glue", "get-trigger", "--name", name);
        var dependent = await viewer.RunAsync("glue", "get-triggers", "--dependent-job-name", job);
        var update = await admin.RunAsync("glue", "update-trigger", "--name", name, "--trigger-update", """{"Schedule":"cron(30 3 * * ? *)"}""");
        var stop = await admin.RunAsync("glue", "stop-trigger", "--name", name);
        var stopped = await viewer.RunAsync("glue", "get-trigger", "--name", name);
        var start = await admin.RunAsync("glue", "start-trigger", "--name", name);
        var started = await viewer.RunAsync("glue", "get-trigger", "--name", name);
        var badCron = await admin.RunAsync("glue", "update-trigger", "--name", name, "--trigger-update", """{"Schedule":"cron(60 * * * ? *)"}""");
        var delete = await admin.RunAsync("glue", "delete-trigger", "--name", name);
        var gone = await viewer.RunAsync("glue", "get-trigger", "--name", name);
        var deleteAgain = await admin.RunAsync("glue", "delete-trigger", "--name", name);

        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Equal(name, create.Json().RootElement.GetProperty("Name").GetString());
        Assert.True(got.ExitCode == 0, got.Stderr);
        var trigger = got.Json().RootElement.GetProperty("Trigger");
        Assert.Equal(("SCHEDULED", "ACTIVATED", "cron(0 2 * * ? *)", "nightly"),
            (trigger.GetProperty("Type").GetString(), trigger.GetProperty("State").GetString(), trigger.GetProperty("Schedule").GetString(), trigger.GetProperty("Description").GetString()));
        Assert.Equal("today", trigger.GetProperty("Actions")[0].GetProperty("Arguments").GetProperty("--day").GetString());
        Assert.Equal([name], dependent.Json().RootElement.GetProperty("Triggers").EnumerateArray().Select(t => t.GetProperty("Name").GetString()));
        Assert.True(update.ExitCode == 0, update.Stderr);
        var updated = update.Json().RootElement.GetProperty("Trigger");
        Assert.Equal(("cron(30 3 * * ? *)", job), (updated.GetProperty("Schedule").GetString(), updated.GetProperty("Actions")[0].GetProperty("JobName").GetString()));
        Assert.True(stop.ExitCode == 0, stop.Stderr);
        Assert.Equal("DEACTIVATED", stopped.Json().RootElement.GetProperty("Trigger").GetProperty("State").GetString());
        Assert.True(start.ExitCode == 0, start.Stderr);
        Assert.Equal("ACTIVATED", started.Json().RootElement.GetProperty("Trigger").GetProperty("State").GetString());
        Assert.Contains("(InvalidInputException)", badCron.Stderr, StringComparison.Ordinal);
        Assert.True(delete.ExitCode == 0, delete.Stderr);
        Assert.Contains("(EntityNotFoundException)", gone.Stderr, StringComparison.Ordinal);
        Assert.True(deleteAgain.ExitCode == 0, deleteAgain.Stderr);
    }

    [Fact]
    public async Task EventTrigger_TakesItsLakePrefixFromTheTag_AndShowsItsBatching()
    {
        var admin = portal.AdminCli();
        var job = await CreateJobAsync(admin);
        var name = NewName();

        var create = await admin.RunAsync("glue", "create-trigger", "--name", name, "--type", "EVENT", "--actions", $"JobName={job}",
            "--event-batching-condition", "BatchSize=10,BatchWindow=120", "--tags", $$"""{"{{TriggerRules.EventPrefixTag}}":"s3://samples/landing/"}""");
        var got = await admin.RunAsync("glue", "get-trigger", "--name", name);

        Assert.True(create.ExitCode == 0, create.Stderr);
        var batching = got.Json().RootElement.GetProperty("Trigger").GetProperty("EventBatchingCondition");
        Assert.Equal((10, 120), (batching.GetProperty("BatchSize").GetInt32(), batching.GetProperty("BatchWindow").GetInt32()));
        Assert.Equal("s3://samples/landing/",
            (await portal.Factory.Services.GetRequiredService<ITriggers>().GetAsync(Caller.System, name, TestContext.Current.CancellationToken)).Definition.EventPrefix);
    }

    [Fact]
    public async Task OnDemandTrigger_Started_RunsItsJob_AndTheRunNamesTheTrigger()
    {
        var admin = portal.AdminCli();
        var prefix = await admin.CrawlSamplesAsync();
        var (job, _, _) = await admin.CreateScriptJobAsync(portal, prefix);
        var name = NewName();

        var create = await admin.RunAsync("glue", "create-trigger", "--name", name, "--type", "ON_DEMAND", "--actions", $"JobName={job}");
        var start = await admin.RunAsync("glue", "start-trigger", "--name", name);
        var runId = await WaitForTriggeredRunAsync(admin, job, name);
        var run = await admin.WaitForRunAsync(job, runId);

        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.True(start.ExitCode == 0, start.Stderr);
        Assert.Equal(("SUCCEEDED", name), (run.GetProperty("JobRunState").GetString(), run.GetProperty("TriggerName").GetString()));
    }

    private static async Task<string> WaitForTriggeredRunAsync(AwsCli cli, string job, string trigger)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var runs = await cli.RunAsync("glue", "get-job-runs", "--job-name", job);
            Assert.True(runs.ExitCode == 0, runs.Stderr);
            var run = runs.Json().RootElement.GetProperty("JobRuns").EnumerateArray()
                .FirstOrDefault(r => r.TryGetProperty("TriggerName", out var t) && t.GetString() == trigger);
            if (run.ValueKind != System.Text.Json.JsonValueKind.Undefined)
            {
                return run.GetProperty("Id").GetString()!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No run of {job} started by trigger {trigger} within 60 s.");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
