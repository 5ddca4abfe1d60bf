using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog;

/// <summary>The Data Catalog: databases now; tables, partitions and versions join as the crawler lands.</summary>
public interface ICatalog
{
    Task<CatalogDatabase> CreateDatabaseAsync(Caller caller, DatabaseInput input, CancellationToken cancellationToken);

    Task<CatalogDatabase> GetDatabaseAsync(Caller caller, string name, CancellationToken cancellationToken);

    /// <summary>Ordered by name; at most <see cref="CatalogRules.MaxDatabasesPerPage"/> a page, as in Glue.</summary>
    Task<Page<CatalogDatabase>> GetDatabasesAsync(Caller caller, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Replaces description, location and parameters; the name cannot change (Glue refuses renames too).</summary>
    Task<CatalogDatabase> UpdateDatabaseAsync(Caller caller, string name, DatabaseInput input, CancellationToken cancellationToken);

    Task DeleteDatabaseAsync(Caller caller, string name, CancellationToken cancellationToken);
}
