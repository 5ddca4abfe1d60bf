using Lakeport.Services.Catalog;
using Lakeport.Services.Jobs;
using Lakeport.Services.Mapping;
using Lakeport.Services.Monitoring;
using Lakeport.Services.Tests.Infrastructure;
using Lakeport.Services.Tests.Jobs.Doubles;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Tests.Jobs;

/// <summary>A fresh data folder with a CSV source table in the catalog, the job service, and the in-memory doubles it runs against.</summary>
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

    public InMemoryMappings Mappings => (InMemoryMappings)State.Get<IMappings>();

    public InMemoryMetrics Metrics => (InMemoryMetrics)State.Get<IMetrics>();

    public InMemoryLogs Logs => (InMemoryLogs)State.Get<ILogs>();

    public ICatalog Catalog => State.Get<ICatalog>();

    public string Lake => Path.Combine(State.Root, "lake");

    public static async Task<JobLake> CreateAsync(IDictionary<string, string?>? settings = null, string? root = null)
    {
        var state = await TestState.CreateAsync(settings, root: root, services: services =>
        {
            services.AddSingleton<IMappings, InMemoryMappings>();
            services.AddSingleton<IGlueScripts, MappingScripts>();
            services.AddSingleton<IMetrics, InMemoryMetrics>();
            services.AddSingleton<ILogs, InMemoryLogs>();
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

    public IReadOnlyList<string> FilesUnder(string s3Uri) =>
        Directory.Exists(PathOf(s3Uri)) ? Directory.GetFiles(PathOf(s3Uri), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [];

    public ValueTask DisposeAsync() => State.DisposeAsync();
}
