using Dapper;
using Lakeport.Services.Catalog;
using Lakeport.Services.Common;
using Lakeport.Services.Local;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Security;
using Microsoft.Extensions.Logging;

namespace Lakeport.Services.Samples;

/// <summary>
/// Copies the sample lake shipped with the portal to <c>s3://samples/</c> on the first start, once: a user who
/// deletes it later does not get it back on restart.
/// </summary>
public sealed partial class SampleLakeSeeder(
    SqliteDatabase database,
    LakePaths lake,
    ICatalog catalog,
    TimeProvider clock,
    ILogger<SampleLakeSeeder> logger)
{
    public const string Bucket = "samples";
    private const string SeededKey = "sample_lake_seeded";

    /// <summary>Where the build puts <c>samples/lake</c> (see Portal.csproj).</summary>
    public static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "samples", "lake");

    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT value FROM portal_state WHERE key = @Key", new { Key = SeededKey }, cancellationToken: cancellationToken)) is not null)
        {
            return false;
        }

        if (!Directory.Exists(ShippedFolder))
        {
            LogNoSamples(ShippedFolder);
            return false;
        }

        var target = lake.Resolve(new S3Uri(Bucket, ""));
        if (Directory.Exists(target))
        {
            LogTargetExists(target);
        }
        else
        {
            // Copy into a staging folder and move it into place, so an interrupted start leaves no half lake.
            var staging = Path.Combine(lake.LakeRoot, $".staging-{Bucket}-{Guid.NewGuid():N}");
            try
            {
                await CopyTreeAsync(ShippedFolder, staging, cancellationToken);
                Directory.Move(staging, target);
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }

            LogSeeded(target);
        }

        try
        {
            await catalog.CreateDatabaseAsync(Caller.System,
                new DatabaseInput(Bucket, "Sample lake shipped with Lakeport: sales orders (Hive-partitioned CSV), web events (JSON lines), products (Parquet).", $"s3://{Bucket}/"),
                cancellationToken);
        }
        catch (AlreadyExistsException)
        {
            // Someone made it first; theirs stands.
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO portal_state (key, value) VALUES (@Key, @Value)",
            new { Key = SeededKey, Value = clock.GetUtcNow().ToString("O") }, cancellationToken: cancellationToken));
        return true;
    }

    private static async Task CopyTreeAsync(string source, string destination, CancellationToken cancellationToken)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories).Prepend(source))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            await using var input = File.OpenRead(file);
            await using var output = File.Create(Path.Combine(destination, Path.GetRelativePath(source, file)));
            await input.CopyToAsync(output, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the sample lake into {Target}")]
    private partial void LogSeeded(string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No sample lake at {Folder}; the lake starts empty")]
    private partial void LogNoSamples(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Target} already exists; the sample lake is not copied over it")]
    private partial void LogTargetExists(string target);
}
