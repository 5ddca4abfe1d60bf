using Lakeport.Services.Aws.Client;
using Lakeport.Services.Common;
using Lakeport.Services.Configuration;
using Lakeport.Services.Crawling;
using Lakeport.Services.Jobs;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Scheduling;
using Lakeport.Services.Scheduling.Aws;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Aws.Client;
using Lakeport.Services.Tests.Aws.Moto;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lakeport.Services.Tests.Scheduling.Aws;

/// <summary>Triggers on Glue (moto): the Local rules checked before any call, then Glue's own operations and states.</summary>
[Collection(MotoCollection.Name)]
public sealed class GlueTriggersMotoTests(MotoServer moto) : IAsyncDisposable
{
    private readonly GlueTestJobs _jobs = new();
    private readonly GlueTestCrawlers _crawlers = new();
    private readonly RecordingAuditLog _audit = new();
    private readonly List<string> _operations = [];
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private ServiceProvider? _services;

    /// <summary>A Friday, 10:00 UTC.</summary>
    private static readonly DateTimeOffset Now = new(2027, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private ITriggers Triggers
    {
        get
        {
            _services ??= AwsTestClients.Build(moto.Endpoint, MotoServer.Credentials, services: (services, configuration) =>
            {
                services.AddSingleton<IJobs>(_jobs);
                services.AddSingleton<ICrawlers>(_crawlers);
                services.AddSingleton<IAuditLog>(_audit);
                services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
                services.AddSingleton<RunEventHub>();
                services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new OperationRecorder(_operations)));
                services.AddAwsScheduling(configuration);
            });
            return _services.GetRequiredService<ITriggers>();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [Fact]
    public async Task Triggers_CreateGetListStartStopDelete_FollowGluesStates()
    {
        var (load, raw, nightly, afterLoad, manual) = ($"load-{_id}", $"raw-{_id}", $"nightly-{_id}", $"after-load-{_id}", $"manual-{_id}");
        _jobs.Add(load);
        _crawlers.Put(raw, CrawlerStates.Ready, null);
        var triggers = Triggers;

        var scheduled = await triggers.CreateAsync(Callers.Admin, new TriggerDefinition(nightly, TriggerType.SCHEDULED,
            [new TriggerAction(load, null, new Dictionary<string, string> { ["--day"] = "today" }, 30)], "nightly load", " cron(15 12 * * ? *) "), Callers.Token);
        var conditional = await triggers.CreateAsync(Callers.Admin, new TriggerDefinition(afterLoad, TriggerType.CONDITIONAL, [new TriggerAction(null, raw)],
            Predicate: new TriggerPredicate(PredicateLogical.ANY, [new TriggerCondition(load, "SUCCEEDED", null, null)]), StartOnCreation: true), Callers.Token);
        var onDemand = await triggers.CreateAsync(Callers.Admin, new TriggerDefinition(manual, TriggerType.ON_DEMAND, [new TriggerAction(null, raw)]), Callers.Token);

        Assert.Equal(TriggerState.CREATED, scheduled.State);
        Assert.Equal("cron(15 12 * * ? *)", scheduled.Definition.Schedule);
        Assert.Equal("nightly load", scheduled.Definition.Description);
        Assert.Equal("today", scheduled.Definition.Actions.Single().Arguments!["--day"]);
        Assert.Equal(30, scheduled.Definition.Actions.Single().Timeout);
        Assert.Null(scheduled.NextFireAt);
        Assert.Null(scheduled.CreatedBy);
        Assert.Equal(TriggerState.ACTIVATED, conditional.State);
        Assert.Equal(new TriggerCondition(load, "SUCCEEDED", null, null), conditional.Definition.Predicate!.Conditions.Single());
        Assert.Equal(PredicateLogical.ANY, conditional.Definition.Predicate.Logical);
        Assert.Equal(TriggerState.CREATED, onDemand.State);

        var listed = await AllAsync(triggers);
        Assert.Equal([afterLoad, manual, nightly], listed.Where(t => t.Definition.Name.EndsWith(_id, StringComparison.Ordinal)).Select(t => t.Definition.Name).Order(StringComparer.Ordinal));

        var started = await triggers.StartAsync(Callers.Admin, nightly, Callers.Token);
        Assert.Equal(TriggerState.ACTIVATED, started.State);
        // Next 12:15 UTC after the fake clock's 10:00, worked out from the expression as on Local.
        Assert.Equal(new DateTimeOffset(2027, 1, 15, 12, 15, 0, TimeSpan.Zero), started.NextFireAt);
        var upcoming = (await triggers.GetUpcomingAsync(Callers.Viewer, Now, Now.AddDays(2), Callers.Token)).Where(u => u.TriggerName == nightly).ToList();
        Assert.Equal([Now.AddHours(2).AddMinutes(15), Now.AddDays(1).AddHours(2).AddMinutes(15)], upcoming.Select(u => u.At));

        // moto answers StartTrigger on an ON_DEMAND trigger by marking it ACTIVATED; real Glue runs its actions instead.
        Assert.Equal(TriggerState.ACTIVATED, (await triggers.StartAsync(Callers.Admin, manual, Callers.Token)).State);
        await Assert.ThrowsAsync<InvalidInputException>(() => triggers.StopAsync(Callers.Admin, manual, Callers.Token));

        var stopped = await triggers.StopAsync(Callers.Admin, nightly, Callers.Token);
        Assert.Equal(TriggerState.DEACTIVATED, stopped.State);
        Assert.Null(stopped.NextFireAt);

        var graph = await triggers.GetGraphAsync(Callers.Viewer, Callers.Token);
        Assert.Contains(new GraphEdge($"trigger:{nightly}", $"job:{load}", "starts"), graph.Edges);
        Assert.Contains(new GraphEdge($"job:{load}", $"trigger:{afterLoad}", "when SUCCEEDED"), graph.Edges);
        Assert.Contains(new GraphEdge($"trigger:{afterLoad}", $"crawler:{raw}", "starts"), graph.Edges);

        foreach (var name in new[] { nightly, afterLoad, manual })
        {
            await triggers.DeleteAsync(Callers.Admin, name, Callers.Token);
            await Assert.ThrowsAsync<EntityNotFoundException>(() => triggers.GetAsync(Callers.Viewer, name, Callers.Token));
        }

        await triggers.DeleteAsync(Callers.Admin, nightly, Callers.Token);
        Assert.Equal(
            ["Trigger.Create", "Trigger.Create", "Trigger.Create", "Trigger.Start", "Trigger.Start", "Trigger.Stop", "Trigger.Delete", "Trigger.Delete", "Trigger.Delete"],
            _audit.Entries.Select(e => e.Action));
        Assert.All(_audit.Entries, e => Assert.Equal(Callers.Admin.UserName, e.Actor));
    }

    [Fact]
    public async Task Update_ChecksTheRules_ThenSendsUpdateTrigger()
    {
        var (load, nightly) = ($"load-{_id}", $"nightly-{_id}");
        _jobs.Add(load);
        var triggers = Triggers;
        await triggers.CreateAsync(Callers.Admin, new TriggerDefinition(nightly, TriggerType.SCHEDULED, [new TriggerAction(load, null)], Schedule: "cron(0 1 * * ? *)"),
            Callers.Token);

        await Assert.ThrowsAsync<InvalidInputException>(() => triggers.UpdateAsync(Callers.Admin,
            new TriggerDefinition(nightly, TriggerType.ON_DEMAND, [new TriggerAction(load, null)]), Callers.Token));
        await Assert.ThrowsAsync<ScheduleException>(() => triggers.UpdateAsync(Callers.Admin,
            new TriggerDefinition(nightly, TriggerType.SCHEDULED, [new TriggerAction(load, null)], Schedule: "cron(* * * * ? *)"), Callers.Token));
        Assert.DoesNotContain("UpdateTrigger", _operations);

        // moto 5.2.1 has no UpdateTrigger: the request reaches it and its refusal comes back as an error, not as success.
        var updated = new TriggerDefinition(nightly, TriggerType.SCHEDULED, [new TriggerAction(load, null)], Schedule: "cron(30 2 * * ? *)");
        var refusal = await Record.ExceptionAsync(() => triggers.UpdateAsync(Callers.Admin, updated, Callers.Token));
        Assert.Contains("UpdateTrigger", _operations);
        Assert.NotNull(refusal);
        Assert.DoesNotContain(_audit.Entries, e => e.Action == "Trigger.Update");
    }

    [Fact]
    public async Task Create_BadCron_IsRefusedBeforeAnyCallToGlue()
    {
        _jobs.Add($"load-{_id}");
        var triggers = Triggers;

        var error = await Assert.ThrowsAsync<ScheduleException>(() => triggers.CreateAsync(Callers.Admin,
            new TriggerDefinition($"bad-{_id}", TriggerType.SCHEDULED, [new TriggerAction($"load-{_id}", null)], Schedule: "cron(0 12 * * * *)"), Callers.Token));

        Assert.Equal("Day-of-week", error.Field);
        Assert.Empty(_operations);
    }

    [Fact]
    public async Task Create_ClosingACycleOfConditionalTriggers_IsRefused_AndNothingIsCreated()
    {
        var (a, b) = ($"a-{_id}", $"b-{_id}");
        _jobs.Add(a);
        _jobs.Add(b);
        var triggers = Triggers;
        await triggers.CreateAsync(Callers.Admin, new TriggerDefinition($"a-then-b-{_id}", TriggerType.CONDITIONAL, [new TriggerAction(b, null)],
            Predicate: new TriggerPredicate(PredicateLogical.AND, [new TriggerCondition(a, "SUCCEEDED", null, null)])), Callers.Token);
        _operations.Clear();

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => triggers.CreateAsync(Callers.Admin,
            new TriggerDefinition($"b-then-a-{_id}", TriggerType.CONDITIONAL, [new TriggerAction(a, null)],
                Predicate: new TriggerPredicate(PredicateLogical.AND, [new TriggerCondition(b, "FAILED", null, null)])), Callers.Token));

        Assert.Contains($"job {a} → trigger a-then-b-{_id} → job {b} → trigger b-then-a-{_id} → job {a}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CreateTrigger", _operations);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => triggers.GetAsync(Callers.Viewer, $"b-then-a-{_id}", Callers.Token));
    }

    [Fact]
    public async Task Create_NamingAMissingJob_OrALakePrefix_IsRefusedWithTheReason()
    {
        var triggers = Triggers;

        var missing = await Assert.ThrowsAsync<InvalidInputException>(() => triggers.CreateAsync(Callers.Admin,
            new TriggerDefinition($"ghost-{_id}", TriggerType.ON_DEMAND, [new TriggerAction($"ghost-{_id}", null)]), Callers.Token));
        _crawlers.Put($"raw-{_id}", CrawlerStates.Ready, null);
        var prefix = await Assert.ThrowsAsync<InvalidInputException>(() => triggers.CreateAsync(Callers.Admin,
            new TriggerDefinition($"arrivals-{_id}", TriggerType.EVENT, [new TriggerAction(null, $"raw-{_id}")], EventPrefix: "s3://raw/orders/"), Callers.Token));

        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Contains(BackendFeatures.Aws.Reason(BackendFeature.EventTriggerPrefix)!, prefix.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CreateTrigger", _operations);
    }

    [Fact]
    public async Task EventTrigger_IsCreatedWithItsBatching_AndNoPrefix()
    {
        var (raw, arrivals) = ($"raw-{_id}", $"arrivals-{_id}");
        _crawlers.Put(raw, CrawlerStates.Ready, null);

        var created = await Triggers.CreateAsync(Callers.Admin,
            new TriggerDefinition(arrivals, TriggerType.EVENT, [new TriggerAction(null, raw)], EventBatching: new EventBatchingCondition(10, 60)), Callers.Token);

        Assert.Equal(TriggerType.EVENT, created.Definition.Type);
        Assert.Equal(new EventBatchingCondition(10, 60), created.Definition.EventBatching);
        Assert.Null(created.Definition.EventPrefix);
    }

    [Fact]
    public async Task Roles_ViewersRead_OnlyAdminsDefineStartStopAndDelete()
    {
        var (load, nightly) = ($"load-{_id}", $"nightly-{_id}");
        _jobs.Add(load);
        var triggers = Triggers;
        var definition = new TriggerDefinition(nightly, TriggerType.SCHEDULED, [new TriggerAction(load, null)], Schedule: "cron(0 * * * ? *)");

        await Assert.ThrowsAsync<AccessDeniedException>(() => triggers.CreateAsync(Callers.Analyst, definition, Callers.Token));
        Assert.Empty(_operations);
        await triggers.CreateAsync(Callers.Admin, definition, Callers.Token);

        Assert.Equal(nightly, (await triggers.GetAsync(Callers.Viewer, nightly, Callers.Token)).Definition.Name);
        await Assert.ThrowsAsync<AccessDeniedException>(() => triggers.StartAsync(Callers.Analyst, nightly, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => triggers.StopAsync(Callers.Viewer, nightly, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => triggers.UpdateAsync(Callers.Analyst, definition, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => triggers.DeleteAsync(Callers.Analyst, nightly, Callers.Token));
        Assert.Equal(TriggerState.CREATED, (await triggers.GetAsync(Callers.Viewer, nightly, Callers.Token)).State);
    }

    [Fact]
    public async Task FireHistory_IsNotSupported_WithTheSentenceThePageShows()
    {
        var error = await Assert.ThrowsAsync<NotSupportedByBackendException>(() => Triggers.GetFiresAsync(Callers.Viewer, null, new PageRequest(), Callers.Token));

        Assert.Equal(BackendFeatures.Aws.Reason(BackendFeature.TriggerFireHistory), error.Message);
    }

    private static async Task<List<Trigger>> AllAsync(ITriggers triggers)
    {
        var all = new List<Trigger>();
        string? token = null;
        do
        {
            var page = await triggers.ListAsync(Callers.Viewer, new PageRequest(token, 2), Callers.Token);
            all.AddRange(page.Items);
            token = page.NextToken;
        }
        while (token is not null);

        return all;
    }

    /// <summary>Notes each Glue operation sent (its X-Amz-Target), to show what was and was not called.</summary>
    private sealed class OperationRecorder(List<string> operations) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.TryGetValues("X-Amz-Target", out var targets))
            {
                lock (operations)
                {
                    operations.Add(targets.Single().Split('.')[^1]);
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
