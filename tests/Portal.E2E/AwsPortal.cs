using Amazon.Runtime;
using Amazon.S3;
using Lakeport.Portal.Tests.Infrastructure;
using Lakeport.Services.Aws.Client;
using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Aws.Client;
using Lakeport.Services.Tests.Aws.Moto;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Portal.E2E;

/// <summary>
/// One portal with <c>Portal:Backend=Aws</c> on a real port, pointed at the collection's moto_server, with buckets of
/// its own for scripts and Athena results. moto is seeded through the AWS APIs the portal itself uses (its Glue client
/// and S3), never through the portal's services, so the pages read what AWS holds.
/// </summary>
public sealed class AwsPortal : IAsyncLifetime
{
    public const string Region = "eu-central-1";
    public const string MotoAccount = "123456789012";
    public const string Analyst = "anna";
    public const string Admin = "adam";

    private readonly MotoServer _moto;
    private PortalFactory? _factory;

    public AwsPortal(MotoServer moto)
    {
        _moto = moto;
        Suffix = Guid.NewGuid().ToString("N")[..8];
    }

    public string Suffix { get; }

    public string ScriptsBucket => $"lakeport-scripts-{Suffix}";

    public string ResultsBucket => $"lakeport-results-{Suffix}";

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public Uri MotoEndpoint => _moto.Endpoint;

    public PortalFactory Factory => _factory ?? throw new InvalidOperationException("The portal has not started.");

    public GlueClient Glue => Factory.Services.GetRequiredService<GlueClient>();

    public IAmazonS3 S3 => Factory.Services.GetRequiredService<IAmazonS3>();

    public async ValueTask InitializeAsync()
    {
        var settings = AwsTestClients.Settings(_moto.Endpoint, new Dictionary<string, string?>
        {
            ["Portal:Aws:Region"] = Region,
            ["Portal:Aws:Athena:OutputLocation"] = $"s3://{ResultsBucket}/athena/",
            ["Portal:Aws:ScriptsLocation"] = $"s3://{ScriptsBucket}/jobs/",
            ["Portal:Aws:GlueRoleArn"] = $"arn:aws:iam::{MotoAccount}:role/LakeportGlue",
        });

        // moto takes any key; a known one keeps the test off this machine's own AWS setup.
        _factory = new PortalFactory(settings, services => services.AddSingleton<AWSCredentials>(MotoServer.Credentials));
        Address = _factory.StartOnKestrel();
        await _factory.CreateUserAsync(Analyst, PortalRole.Analyst);
        await _factory.CreateUserAsync(Admin, PortalRole.Admin);
        foreach (var bucket in new[] { ScriptsBucket, ResultsBucket })
        {
            await S3.PutBucketAsync(new Amazon.S3.Model.PutBucketRequest { BucketName = bucket, BucketRegionName = Region }, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>A database in moto's Glue with one CSV table partitioned by year and month, and its partitions.</summary>
    public async Task SeedTableAsync(string database, string table, IReadOnlyList<GlueColumn> columns, IReadOnlyList<GlueColumn> partitionKeys,
        IReadOnlyList<IReadOnlyList<string>> partitions, CancellationToken cancellationToken)
    {
        var location = $"s3://lake-{Suffix}/{database}/{table}/";
        await Glue.SendAsync<CreateDatabaseRequest, CreateDatabaseResponse>("CreateDatabase",
            new CreateDatabaseRequest { DatabaseInput = new GlueDatabaseInput { Name = database, Description = "Seeded in moto", LocationUri = $"s3://lake-{Suffix}/{database}/" } },
            cancellationToken);
        await Glue.SendAsync<CreateTableRequest, CreateTableResponse>("CreateTable", new CreateTableRequest
        {
            DatabaseName = database,
            TableInput = new GlueTableInput
            {
                Name = table,
                Description = "Orders as moto's Glue holds them",
                TableType = "EXTERNAL_TABLE",
                StorageDescriptor = Csv(columns, location),
                PartitionKeys = [.. partitionKeys],
                Parameters = new Dictionary<string, string> { ["classification"] = "csv" },
            },
        }, cancellationToken);
        foreach (var values in partitions)
        {
            var path = string.Join('/', partitionKeys.Zip(values, (key, value) => $"{key.Name}={value}"));
            await Glue.SendAsync<CreatePartitionRequest, CreatePartitionResponse>("CreatePartition", new CreatePartitionRequest
            {
                DatabaseName = database,
                TableName = table,
                PartitionInput = new GluePartitionInput { Values = [.. values], StorageDescriptor = Csv(columns, $"{location}{path}/") },
            }, cancellationToken);
        }
    }

    /// <summary>Queues one Athena result in moto (for this portal's region): the next StartQueryExecution takes it.</summary>
    public async Task SeedQueryResultAsync(IEnumerable<IReadOnlyList<string?>> rows, IReadOnlyList<(string Name, string Type)> columns, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var body = new
        {
            account_id = MotoAccount,
            region = Region,
            results = new[]
            {
                new
                {
                    rows = rows.Select(r => new { Data = r.Select(v => v is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["VarCharValue"] = v }).ToList() }).ToList(),
                    column_info = columns.Select(c => new { Name = c.Name, Label = c.Name, Type = c.Type, Precision = 0, Scale = 0, Nullable = "UNKNOWN", CaseSensitive = false }).ToList(),
                },
            },
        };

        // A sized body: moto's server does not read a chunked one.
        using var content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(_moto.Endpoint, "moto-api/static/athena/query-results"), content, cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    private static GlueStorageDescriptor Csv(IReadOnlyList<GlueColumn> columns, string location) => new()
    {
        Columns = [.. columns],
        Location = location,
        InputFormat = "org.apache.hadoop.mapred.TextInputFormat",
        OutputFormat = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
        Compressed = false,
        NumberOfBuckets = -1,
        SerdeInfo = new GlueSerDeInfo { SerializationLibrary = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", Parameters = new Dictionary<string, string> { ["field.delim"] = "," } },
        Parameters = new Dictionary<string, string>(),
    };
}
