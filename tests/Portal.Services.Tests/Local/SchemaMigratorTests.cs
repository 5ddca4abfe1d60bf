using Dapper;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Local;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task FreshFile_IsMigratedToTheLatestVersion_InWalMode()
    {
        await using var state = await TestState.CreateAsync(migrate: false);

        var report = await state.Get<SchemaMigrator>().MigrateAsync(Callers.Token);

        await using var connection = await state.Get<SqliteDatabase>().OpenAsync(Callers.Token);
        Assert.Equal(SchemaMigrator.LatestVersion, report.CurrentVersion);
        Assert.Equal(Enumerable.Range(1, SchemaMigrator.LatestVersion), report.Applied);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.True(File.Exists(Path.Combine(state.Root, "lakeport.db")));
    }

    [Fact]
    public async Task SecondRun_AppliesNothing()
    {
        await using var state = await TestState.CreateAsync();

        var report = await state.Get<SchemaMigrator>().MigrateAsync(Callers.Token);

        Assert.Empty(report.Applied);
        Assert.Equal(SchemaMigrator.LatestVersion, report.CurrentVersion);
    }

    [Fact]
    public async Task DatabaseFromANewerLakeport_IsRefusedWithBothVersions()
    {
        await using var state = await TestState.CreateAsync();
        await using (var connection = await state.Get<SqliteDatabase>().OpenAsync(Callers.Token))
        {
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => state.Get<SchemaMigrator>().MigrateAsync(Callers.Token));

        Assert.Contains("999", error.Message, StringComparison.Ordinal);
        Assert.Contains($"({SchemaMigrator.LatestVersion})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddedMigrations_AreNumberedFromOneWithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrator.Embedded.Count), SchemaMigrator.Embedded.Select(m => m.Version));
        Assert.All(SchemaMigrator.Embedded, m => Assert.False(string.IsNullOrWhiteSpace(m.Sql)));
    }
}
