using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Storage;
using Lakeport.Services.Catalog;
using Lakeport.Services.Catalog.Local;
using Lakeport.Services.Common;
using Lakeport.Services.Jobs;
using Lakeport.Services.Mapping;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Aws;
using Lakeport.Services.Tests.Aws.Moto;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Tests.Jobs.Aws;

/// <summary>
/// The portal's services with <c>Portal:Backend=Aws</c> against moto, over a fresh SQLite state (mappings, audit), with
/// a scripts bucket of its own in moto's S3 and a source table in the catalog. Glue can be pointed elsewhere (a
/// scripted server for the operations moto 5.2.1 lacks) while S3 stays on moto. Names are unique per lake, as every
/// moto test shares one server.
/// </summary>
internal sealed class AwsJobLake : IAsyncDisposable
{
    private AwsJobLake(TestState state, string bucket, string suffix)
    {
        State = state;
        Bucket = bucket;
        Suffix = suffix;
    }

    public TestState State { get; }

    public string Bucket { get; }

    public string Suffix { get; }

    public string SourceDb => $"raw_{Suffix}";

    public string TargetDb => $"curated_{Suffix}";

    public string ScriptsLocation => $"s3://{Bucket}/jobs";

    public IJobs Jobs => State.Get<IJobs>();

    public GlueClient Glue => State.Get<GlueClient>();

    public IS3Objects S3 => State.Get<IS3Objects>();

    public IGlueScripts Scripts => State.Get<IGlueScripts>();

    public IAuditLog Audit => State.Get<IAuditLog>();

    public static async Task<AwsJobLake> CreateAsync(MotoServer moto, Uri? glueEndpoint = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var bucket = $"lakeport-scripts-{suffix}";
        var settings = new Dictionary<string, string?>
        {
            ["Portal:Aws:Athena:OutputLocation"] = $"s3://{bucket}/athena/",
            ["Portal:Aws:ScriptsLocation"] = $"s3://{bucket}/jobs/",
        };
        if (glueEndpoint is not null)
        {
            settings["Portal:Aws:ServiceUrls:Glue"] = glueEndpoint.ToString();
        }

        var state = await AwsBackendState.CreateAsync(moto.Endpoint, settings, s =>
        {
            if (glueEndpoint is not null)
            {
                // Glue is a scripted server here, so the mappings are validated against the local catalog.
                s.AddSingleton<ICatalog, SqliteCatalog>();
            }
        });
        await state.Get<IAmazonS3>().PutBucketAsync(bucket, Callers.Token);
        var lake = new AwsJobLake(state, bucket, suffix);
        await lake.CreateSourceAsync();
        return lake;
    }

    /// <summary>The source and target databases and an unpartitioned CSV source table, through the catalog the backend uses.</summary>
    public async Task CreateSourceAsync()
    {
        var catalog = State.Get<ICatalog>();
        await catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput(SourceDb), Callers.Token);
        await catalog.CreateDatabaseAsync(Callers.Admin, new DatabaseInput(TargetDb), Callers.Token);
        await catalog.CreateTableAsync(Callers.Admin, SourceDb, TableDefinition.Create("sales",
            new StorageDescriptor([new CatalogColumn("id", "string"), new CatalogColumn("amount", "string")], $"s3://{Bucket}/source/sales/",
                "org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", false, -1,
                new SerDeInfo(null, "org.apache.hadoop.hive.serde2.OpenCSVSerde", new Dictionary<string, string> { ["separatorChar"] = ",", ["quoteChar"] = "\"" }),
                new Dictionary<string, string>()),
            parameters: new Dictionary<string, string> { ["classification"] = "csv", ["skip.header.line.count"] = "1" }), Callers.Token);
    }

    /// <param name="expectedVersion">The version a new one follows (null for the first).</param>
    public Task<MappingVersion> SaveMappingAsync(string name, string targetType = "int", int? expectedVersion = null) =>
        State.Get<IMappings>().SaveAsync(Callers.Analyst, new MappingDefinition(name, null, SourceDb, "sales",
            new MappingTarget(TargetDb, "sales_typed", $"s3://{Bucket}/curated/sales_typed/", TargetFormat.Parquet, "snappy", []),
            [new ColumnRule("id", "string", "id", targetType), new ColumnRule("amount", "string", "amount", "double")], MappingOptions.Default), expectedVersion, null, Callers.Token);

    /// <summary>A job as the job dialog sends it: the script location it suggests (a mapping job's is replaced by the scripts location).</summary>
    public static JobDefinition Job(string name, string? mapping, int? mappingVersion = 1, string role = "arn:aws:iam::123456789012:role/glue", int maxConcurrentRuns = 1,
        IReadOnlyDictionary<string, string>? defaults = null) =>
        new(name, "from the tests", role, new JobCommand("glueetl", $"s3://somewhere-else/{name}.py"), mapping, mapping is null ? null : mappingVersion,
            "5.0", "G.1X", 2, 0, 0, maxConcurrentRuns, defaults ?? new Dictionary<string, string>(), new Dictionary<string, string>());

    public Task<string> ScriptAsync(string key) => S3.GetTextAsync(new S3Uri(Bucket, key), Callers.Token);

    /// <summary>Sets moto's progression of job runs for the rest of a test (moto's default is immediate: the first read finds a run SUCCEEDED).</summary>
    public static async Task SetRunProgressionAsync(MotoServer moto, object? transition)
    {
        using var http = new HttpClient { BaseAddress = moto.Endpoint };
        var (path, body) = transition is null
            ? ("moto-api/state-manager/unset-transition", JsonSerializer.Serialize(new { model_name = "glue::job_run" }))
            : ("moto-api/state-manager/set-transition", JsonSerializer.Serialize(new { model_name = "glue::job_run", transition }));
        // A sized body: moto's server does not read a chunked one.
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(path, content, Callers.Token);
        Assert.True(response.IsSuccessStatusCode, $"moto refused {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Callers.Token)}");
    }

    public ValueTask DisposeAsync() => State.DisposeAsync();
}
