using Lakeport.Services.Local.Sqlite;

namespace Lakeport.Services.Local.Startup;

/// <summary>What start-up has done, for <c>/healthz</c>. Written once by <see cref="LocalStartupService"/>.</summary>
public sealed class StartupState
{
    private volatile Snapshot _current = new(false, null, null);

    public Snapshot Current => _current;

    internal void Completed(MigrationReport migrations) => _current = new Snapshot(true, migrations, null);

    internal void Failed(string error) => _current = _current with { Error = error };

    public sealed record Snapshot(bool Done, MigrationReport? Migrations, string? Error);
}
