using System.Text;
using System.Text.Json;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Aws;
using Lakeport.Services.Tests.Aws;
using Lakeport.Services.Tests.Aws.Moto;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling.Aws;

/// <summary>
/// Glue crawlers against moto_server. moto crawls nothing: by default a started crawl reads COMPLETED at once (its
/// crawler READY again); with its state manager set to "manual", a crawl stays RUNNING until ListCrawls has been
/// called the given number of times, which lets the running and stopping states be seen.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class GlueCrawlersMotoTests(MotoServer moto)
{
    [Fact]
    public async Task Create_TakesTheConfiguredRole_AndReadsBackTheDefinition()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);
        var (crawlers, db) = await ArrangeAsync(state);

        var created = await crawlers.CreateAsync(Callers.Admin, Definition(db, "role"), Callers.Token);
        var listed = await crawlers.ListAsync(Callers.Viewer, new PageRequest(), Callers.Token);

        Assert.IsType<GlueCrawlers>(crawlers);
        Assert.Equal(AwsBackendState.GlueRoleArn, created.Definition.Role);
        Assert.Equal((db, "raw_", CrawlerStates.Ready), (created.Definition.DatabaseName, created.Definition.TablePrefix, created.State));
        Assert.Equal("s3://lake/sales/", Assert.Single(created.Definition.Targets).Path);
        Assert.Equal(["**/_tmp/**"], created.Definition.Targets[0].Exclusions);
        Assert.Equal((UpdateBehavior.LOG, DeleteBehavior.LOG), (created.Definition.UpdateBehavior, created.Definition.DeleteBehavior));
        Assert.Null(created.LastCrawl);
        Assert.Contains(listed.Items, c => c.Definition.Name == created.Definition.Name);
    }

    [Fact]
    public async Task Start_OnMoto_CompletesAtOnce_AndTheRunIsInTheHistory()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);
        var (crawlers, db) = await ArrangeAsync(state);
        var name = (await crawlers.CreateAsync(Callers.Admin, Definition(db, "start"), Callers.Token)).Definition.Name;

        var run = await crawlers.StartAsync(Callers.Analyst, name, Callers.Token);
        var crawler = await crawlers.GetAsync(Callers.Viewer, name, Callers.Token);
        var runs = await crawlers.GetRunsAsync(Callers.Viewer, name, new PageRequest(), Callers.Token);

        Assert.NotEmpty(run.Id);
        Assert.Equal(CrawlerStates.Ready, crawler.State);
        Assert.Equal((run.Id, CrawlerStates.Succeeded), (crawler.LastCrawl?.Id, crawler.LastCrawl?.Status));
        var only = Assert.Single(runs.Items);
        Assert.Equal((run.Id, CrawlerStates.Succeeded, name), (only.Id, only.Status, only.CrawlerName));
    }

    [Fact]
    public async Task RunningCrawl_RefusesASecondStart_AndStopsThroughStopping()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);
        var (crawlers, db) = await ArrangeAsync(state);
        var name = (await crawlers.CreateAsync(Callers.Admin, Definition(db, "stop"), Callers.Token)).Definition.Name;
        await SetCrawlTransitionAsync(new { progression = "manual", times = 3 });
        try
        {
            await crawlers.StartAsync(Callers.Analyst, name, Callers.Token);
            var running = await crawlers.GetAsync(Callers.Viewer, name, Callers.Token);
            await Assert.ThrowsAsync<CrawlerRunningException>(() => crawlers.StartAsync(Callers.Analyst, name, Callers.Token));

            await crawlers.StopAsync(Callers.Analyst, name, Callers.Token);
            var stopping = await crawlers.GetAsync(Callers.Viewer, name, Callers.Token);
            await crawlers.GetRunsAsync(Callers.Viewer, name, new PageRequest(), Callers.Token);
            var ended = Assert.Single((await crawlers.GetRunsAsync(Callers.Viewer, name, new PageRequest(), Callers.Token)).Items);

            Assert.Equal(CrawlerStates.Running, running.State);
            Assert.Equal(CrawlerStates.Stopping, stopping.State);
            Assert.Equal(CrawlerStates.Cancelled, ended.Status);
            Assert.NotNull(ended.CompletedAt);
            Assert.Equal(CrawlerStates.Ready, (await crawlers.GetAsync(Callers.Viewer, name, Callers.Token)).State);
        }
        finally
        {
            await UnsetCrawlTransitionAsync();
        }
    }

    [Fact]
    public async Task Stop_OnACrawlerThatIsNotRunning_IsCrawlerNotRunning()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);
        var (crawlers, db) = await ArrangeAsync(state);
        var name = (await crawlers.CreateAsync(Callers.Admin, Definition(db, "idle"), Callers.Token)).Definition.Name;

        await Assert.ThrowsAsync<CrawlerNotRunningException>(() => crawlers.StopAsync(Callers.Analyst, name, Callers.Token));
    }

    [Fact]
    public async Task Roles_ViewerCannotCreate_AnalystCannotDefine_ViewerCannotStart()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);
        var (crawlers, db) = await ArrangeAsync(state);
        var definition = Definition(db, "roles");

        await Assert.ThrowsAsync<AccessDeniedException>(() => crawlers.CreateAsync(Callers.Viewer, definition, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => crawlers.CreateAsync(Callers.Analyst, definition, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => crawlers.StartAsync(Callers.Viewer, definition.Name, Callers.Token));

        await Assert.ThrowsAsync<EntityNotFoundException>(() => crawlers.GetAsync(Callers.Viewer, definition.Name, Callers.Token));
    }

    [Fact]
    public async Task Create_ForAMissingDatabase_IsEntityNotFound_AndMissingCrawlerIsToo()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);
        var crawlers = state.Get<ICrawlers>();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => crawlers.CreateAsync(Callers.Admin, Definition("no_such_db_x", "nodb"), Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => crawlers.StartAsync(Callers.Analyst, "no-such-crawler", Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => crawlers.DeleteAsync(Callers.Admin, "no-such-crawler", Callers.Token));
    }

    [Fact]
    public async Task GetProblems_IsNotSupported_WithTheReasonTheUiShows()
    {
        await using var state = await AwsBackendState.CreateAsync(moto.Endpoint);

        var error = await Assert.ThrowsAsync<NotSupportedByBackendException>(() => state.Get<ICrawlers>().GetProblemsAsync(Callers.Viewer, "any", Callers.Token));

        Assert.Contains("/aws-glue/crawlers", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(ICrawlers Crawlers, string Database)> ArrangeAsync(TestState state)
    {
        var db = AwsBackendState.UniqueName("crawl");
        await state.Get<ICatalog>().CreateDatabaseAsync(Callers.Analyst, new DatabaseInput(db), Callers.Token);
        return (state.Get<ICrawlers>(), db);
    }

    private static CrawlerDefinition Definition(string db, string purpose) => new(
        $"{purpose}-{Guid.NewGuid():N}", db, [new CrawlerTarget("s3://lake/sales/", ["**/_tmp/**"])], TablePrefix: "raw_",
        UpdateBehavior: UpdateBehavior.LOG, DeleteBehavior: DeleteBehavior.LOG);

    /// <summary>moto's state manager is process-wide; the moto collection runs its tests one at a time, and the transition is unset after.</summary>
    private async Task SetCrawlTransitionAsync(object transition)
    {
        await PostToMotoAsync("moto-api/state-manager/set-transition", new { model_name = "glue::crawl", transition });
    }

    private async Task UnsetCrawlTransitionAsync()
    {
        await PostToMotoAsync("moto-api/state-manager/unset-transition", new { model_name = "glue::crawl" });
    }

    /// <summary>A sized body: moto's API reads nothing from a chunked one.</summary>
    private async Task PostToMotoAsync(string path, object body)
    {
        using var http = new HttpClient();
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(moto.Endpoint, path), content, CancellationToken.None);
        response.EnsureSuccessStatusCode();
    }
}
