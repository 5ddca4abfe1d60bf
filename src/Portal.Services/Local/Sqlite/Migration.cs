namespace Lakeport.Services.Local.Sqlite;

/// <summary>One numbered schema step, read from an embedded <c>NNNN_name.sql</c> file.</summary>
public sealed record Migration(int Version, string Name, string Sql);

public sealed record MigrationReport(int CurrentVersion, int LatestVersion, IReadOnlyList<int> Applied);
