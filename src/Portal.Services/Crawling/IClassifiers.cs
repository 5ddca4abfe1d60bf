using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Crawling;

/// <summary>Custom crawler classifiers (Glue's classifier API). Admins define them; every role reads them.</summary>
public interface IClassifiers
{
    /// <summary>Validates the classifier fully (patterns compiled, JsonPath parsed, CSV symbols checked) before storing it.</summary>
    Task<CustomClassifier> CreateAsync(Caller caller, ClassifierDefinition definition, CancellationToken cancellationToken);

    Task<CustomClassifier> GetAsync(Caller caller, string name, CancellationToken cancellationToken);

    Task<Page<CustomClassifier>> ListAsync(Caller caller, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Replaces the definition (of the same kind) and bumps its version.</summary>
    Task<CustomClassifier> UpdateAsync(Caller caller, ClassifierDefinition definition, CancellationToken cancellationToken);

    /// <summary>Refused while a crawler names the classifier.</summary>
    Task DeleteAsync(Caller caller, string name, CancellationToken cancellationToken);
}

public static class ClassifierRules
{
    public const PortalRole Define = PortalRole.Admin;
    public const PortalRole Read = PortalRole.Viewer;
    public const int MaxPerPage = 1000;
}
