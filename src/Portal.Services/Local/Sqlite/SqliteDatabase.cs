using Lakeport.Services.Configuration;
using Microsoft.Data.Sqlite;

namespace Lakeport.Services.Local.Sqlite;

/// <summary>Opens connections to the one state database. Pooled; every connection gets the same pragmas.</summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(DataFolder folder)
    {
        FilePath = folder.DatabaseFile;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY for the command timeout: writers queue instead of failing.
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            // WAL itself is persistent (set by the migrator); synchronous=NORMAL is per connection and safe under WAL.
            pragma.CommandText = "PRAGMA synchronous=NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
