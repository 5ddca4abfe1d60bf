using Lakeport.Services.Catalog;
using Lakeport.Services.Jobs;
using Lakeport.Services.Jobs.Local;
using Lakeport.Services.Mapping;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Monitoring.Local;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Tests.Jobs;

/// <summary>
/// A fresh data folder with the source and target databases in the catalog, and the portal's services as registered:
/// the real mappings (validated against the catalog on save), Glue script generator and parser, metrics and logs. The
/// one addition is <see cref="Hooks"/> over the real logs, where a test holds a run or changes the lake mid-run.
/// </summary>
internal sealed class JobLake : IAsyncDisposable
{
    public const string SourceDb = "raw";
    public const string SourceTable = "sales";
    public const string TargetDb = "curated";

    private JobLake(TestState state)
    {
        State = state;
    }

    public TestState State { get; }

    public IJobs Jobs => State.Get<IJobs>();

    public IMappings Mappings => State.Get<IMappings>();

    public IGlueScripts Scripts => State.Get<IGlueScripts>();

    public RunLogHooks Hooks => State.Get<RunLogHooks>();

    public ICatalog Catalog => State.Get<ICatalog>();

    public string Lake => Path.Combine(State.Root, "lake");

    /// <param name="services">More replacements (a fake clock), applied after the hooks.</param>
    public static async Task<JobLake> CreateAsync(IDictionary<string, string?>? settings = null, string? root = null, Action<IServiceCollection>? services = null)
    {
        var state = await TestState.CreateAsync(settings, root: root, services: registrations =>
        {
            registrations.AddSingleton<SqliteLogs>();
            registrations.AddSingleton<RunLogHooks>();
            registrations.AddSingleton<ILogs>(provider => provider.GetRequiredService<RunLogHooks>());
            services?.Invoke(registrations);
        });
        var lake = new JobLake(state);
        await lake.Catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput(SourceDb), Callers.Token);
        await lake.Catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput(TargetDb), Callers.Token);
        return lake;
    }

    public string PathOf(string s3Uri) => Path.Combine(Lake, s3Uri["s3://".Length..].Replace('/', Path.DirectorySeparatorChar));

    public void Write(string s3Uri, string text)
    {
        var path = PathOf(s3Uri);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>An unpartitioned CSV table (header line, OpenCSVSerde) whose columns are all strings.</summary>
    public Task CreateCsvSourceAsync(IReadOnlyList<string> columns, string table = SourceTable) =>
        Catalog.CreateTableAsync(Callers.Admin, SourceDb, TableDefinition.Create(table,
            new StorageDescriptor(columns.Select(c => new CatalogColumn(c, "string")).ToList(), $"s3://source/{table}/", "org.apache.hadoop.mapred.TextInputFormat",
                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", false, -1,
                new SerDeInfo(null, "org.apache.hadoop.hive.serde2.OpenCSVSerde", new Dictionary<string, string> { ["separatorChar"] = ",", ["quoteChar"] = "\"" }),
                new Dictionary<string, string>()),
            parameters: new Dictionary<string, string> { ["classification"] = "csv", ["skip.header.line.count"] = "1" }), Callers.Token);

    public async Task<MappingVersion> SaveMappingAsync(string name, IReadOnlyList<ColumnRule> rules, IReadOnlyList<string>? partitionKeys = null, MappingOptions? options = null,
        string targetTable = "sales_typed", TargetFormat format = TargetFormat.Parquet) =>
        await Mappings.SaveAsync(Callers.Analyst, new MappingDefinition(name, null, SourceDb, SourceTable,
            new MappingTarget(TargetDb, targetTable, $"s3://curated/{targetTable}/", format, format == TargetFormat.Parquet ? "snappy" : "none", partitionKeys ?? []),
            rules, options ?? MappingOptions.Default), null, null, Callers.Token);

    public static JobDefinition Job(string name, string? mapping, int maxConcurrentRuns = 1, int maxRetries = 0, int timeout = 0,
        IReadOnlyDictionary<string, string>? defaults = null, string? scriptLocation = null) =>
        new(name, null, "arn:aws:iam::123456789012:role/glue", new JobCommand("glueetl", scriptLocation ?? $"s3://scripts/{name}.py"), mapping, mapping is null ? null : 1,
            "5.0", "G.1X", 2, timeout, maxRetries, maxConcurrentRuns, defaults ?? new Dictionary<string, string>(), new Dictionary<string, string>());

    public async Task<JobRun> RunAsync(string job, IReadOnlyDictionary<string, string>? arguments = null)
    {
        var run = await Jobs.StartRunAsync(Callers.Analyst, job, arguments, null, Callers.Token);
        return await WaitAsync(job, run.Id);
    }

    /// <summary>Polls (bounded) until the run has finished.</summary>
    public async Task<JobRun> WaitAsync(string job, string runId, int seconds = 60, Func<JobRun, bool>? until = null)
    {
        until ??= r => r.IsFinished;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var run = await Jobs.GetRunAsync(Callers.Viewer, job, runId, Callers.Token);
            if (until(run))
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Run {runId} is still {run.State} after {seconds} s.");
            await Task.Delay(20, Callers.Token);
        }
    }

    public static async Task<List<List<object?>>> ReadAsync(string sql)
    {
        await using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(Callers.Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Callers.Token);
        var rows = new List<List<object?>>();
        while (await reader.ReadAsync(Callers.Token))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToList());
        }

        return rows;
    }

    /// <summary>A run's counter as the run page reads it: GetMetricData, Sum over a period wider than any test.</summary>
    public async Task<double> MetricAsync(string metricName, JobRun run)
    {
        var now = DateTimeOffset.UtcNow;
        var series = (await State.Get<IMetrics>().GetDataAsync(Callers.Viewer,
            [new MetricQuery("m", GlueMetricNames.RunCounter(metricName, run.JobName, run.Id), 86_400, "Sum")], now.AddDays(-1), now.AddDays(1), Callers.Token)).Single();
        Assert.True(series.Values.Count > 0, $"Run {run.Id} has no {metricName} data.");
        return series.Values.Sum();
    }

    /// <summary>The lines of a run's driver stream in one log group, oldest first, read with GetLogEvents from the head; none when the stream does not exist.</summary>
    public async Task<IReadOnlyList<string>> LogAsync(string group, string runId)
    {
        var logs = State.Get<ILogs>();
        var stream = $"{runId}-driver";
        var lines = new List<string>();
        string? token = null;
        try
        {
            while (true)
            {
                var page = await logs.GetEventsAsync(Callers.Viewer, group, stream, null, null, token, null, startFromHead: true, Callers.Token);
                lines.AddRange(page.Events.Select(e => e.Message));
                if (page.NextForwardToken == token)
                {
                    return lines;
                }

                token = page.NextForwardToken;
            }
        }
        catch (Common.EntityNotFoundException)
        {
            return [];
        }
    }

    /// <summary>Polls (bounded) until the run's output log has the line: what a live tail shows.</summary>
    public async Task WaitForLineAsync(string runId, string line, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!(await LogAsync(RunLog.OutputGroup, runId)).Contains(line))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Run {runId} did not log '{line}' within {seconds} s.");
            await Task.Delay(20, Callers.Token);
        }
    }

    public IReadOnlyList<string> FilesUnder(string s3Uri) =>
        Directory.Exists(PathOf(s3Uri)) ? Directory.GetFiles(PathOf(s3Uri), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [];

    public ValueTask DisposeAsync() => State.DisposeAsync();
}
