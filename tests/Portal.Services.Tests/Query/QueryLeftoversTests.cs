using Lakeport.Services.Configuration;
using Lakeport.Services.Local;
using Lakeport.Services.Query;
using Lakeport.Services.Query.Local;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace Lakeport.Services.Tests.Query;

/// <summary>A statement whose process died leaves an unfinished result, a work folder and perhaps a CTAS staging folder; the portal removes them.</summary>
public sealed class QueryLeftoversTests : IAsyncLifetime
{
    private TestState _state = null!;

    public async ValueTask InitializeAsync() => _state = await TestState.CreateAsync();

    public async ValueTask DisposeAsync() => await _state.DisposeAsync();

    private DataFolder Folder => _state.Get<DataFolder>();

    [Fact]
    public void RemoveAll_TakesEveryWorkFolderAndTheStagingFolderItNotes_ButNoFolderThatIsNotAStagingFolderOfThatStatement()
    {
        var leftovers = _state.Get<QueryLeftovers>();
        var lake = _state.Get<LakePaths>().LakeRoot;
        var staging = Made(lake, "sales", ".big-staging-q1");
        var foreign = Made(lake, "sales", "orders");
        var wrongId = Made(lake, "sales", ".big-staging-q9");
        var outside = Made(Folder.Root, "elsewhere", ".big-staging-q3");
        leftovers.NoteStaging("q1", staging);
        leftovers.NoteStaging("q2", foreign);
        leftovers.NoteStaging("q3", outside);
        leftovers.NoteStaging("q4", wrongId);
        Directory.CreateDirectory(Folder.QueryWork("q5"));

        Assert.Equal(5, leftovers.RemoveAll());

        Assert.False(Directory.Exists(staging));
        Assert.True(Directory.Exists(foreign) && Directory.Exists(outside) && Directory.Exists(wrongId));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Folder.QueryWorkRoot));
        Assert.Equal(3, _state.Logs.Messages.Count(m => m.Contains("which is not one; it was left alone", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PortalStart_FailsTheStatementsThatWereRunning_AndRemovesWhatTheyLeft()
    {
        var store = _state.Get<SqliteQueryStore>();
        var lake = _state.Get<LakePaths>();
        var running = new QueryExecution("q-running", "CREATE TABLE sales.big AS SELECT 1", "sales", StatementType.DDL, QueryState.RUNNING, null, null, "adam",
            DateTimeOffset.UtcNow, null, QueryStatistics.None, "s3://lakeport-results/query-results/q-running.csv", QueryRules.PrimaryWorkGroup, null);
        await store.InsertAsync(running, null, Callers.Token);
        var result = lake.Resolve(running.OutputLocation);
        Directory.CreateDirectory(Path.GetDirectoryName(result)!);
        await File.WriteAllTextAsync(result + ".tmp-1234", "\"partial", Callers.Token);
        var finished = result.Replace("q-running", "q-done", StringComparison.Ordinal);
        await File.WriteAllTextAsync(finished, "\"a\"\n", Callers.Token);
        var staging = Made(lake.LakeRoot, "sales", ".big-staging-q-running");
        await File.WriteAllTextAsync(Path.Combine(staging, "part-00000.parquet"), "half", Callers.Token);
        _state.Get<QueryLeftovers>().NoteStaging("q-running", staging);

        await ((IHostedService)_state.Get<LocalQueryEngine>()).StartAsync(Callers.Token);

        var failed = await _state.Get<IQueryEngine>().GetAsync(Callers.Admin, "q-running", Callers.Token);
        Assert.Equal(QueryState.FAILED, failed.State);
        Assert.False(File.Exists(result + ".tmp-1234"));
        Assert.True(File.Exists(finished));
        Assert.False(Directory.Exists(staging));
        Assert.False(Directory.Exists(Folder.QueryWork("q-running")));
    }

    private static string Made(string root, string parent, string name)
    {
        var path = Path.Combine(root, parent, name);
        Directory.CreateDirectory(path);
        return path;
    }
}
