using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Catalog;

/// <summary>
/// The catalog's rules, shared by both backends and by the /aws endpoint: who may do what, and which names and
/// values are accepted.
/// </summary>
public static class CatalogRules
{
    public const PortalRole Read = PortalRole.Viewer;
    public const PortalRole CreateDatabase = PortalRole.Analyst;
    public const PortalRole UpdateDatabase = PortalRole.Analyst;

    /// <summary>Dropping a database drops its tables' definitions: an Admin's call.</summary>
    public const PortalRole DeleteDatabase = PortalRole.Admin;

    public const int MaxDatabasesPerPage = 100;
    public const int MaxNameLength = 255;
    public const int MaxDescriptionLength = 2048;
    public const int MaxLocationLength = 1024;
    public const int MaxParameterKeyLength = 255;
    public const int MaxParameterValueLength = 512000;

    /// <summary>How a catalog name is looked up: Glue stores names lowercase, so lookups ignore case and surrounding blanks.</summary>
    public static string Key(string? name) => (name ?? "").Trim().ToLowerInvariant();

    /// <summary>
    /// Glue lowercases names; Lakeport also holds them to Athena's rule (letters, digits, underscore) because a
    /// database is a schema in the query engine, where anything else would need quoting in every query.
    /// </summary>
    public static string NormalizeName(string? name, string what = "Database")
    {
        var normalized = (name ?? "").Trim().ToLowerInvariant();
        if (normalized.Length is 0 or > MaxNameLength || !normalized.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new InvalidInputException(
                $"{what} name '{name}' is not valid: use 1–{MaxNameLength} lowercase letters, digits and underscores (Athena's rule).");
        }

        return normalized;
    }

    public static ValidDatabaseInput Validate(DatabaseInput input)
    {
        var name = NormalizeName(input.Name);
        if (input.Description is { Length: > MaxDescriptionLength })
        {
            throw new InvalidInputException($"The description of '{name}' is longer than {MaxDescriptionLength} characters.");
        }

        var location = string.IsNullOrWhiteSpace(input.LocationUri) ? null : input.LocationUri.Trim();
        if (location is not null)
        {
            if (location.Length > MaxLocationLength)
            {
                throw new InvalidInputException($"The location of '{name}' is longer than {MaxLocationLength} characters.");
            }

            if (!S3Uri.TryParse(location, out _, out var error))
            {
                throw new InvalidInputException($"The location of '{name}' is not valid: {error}");
            }
        }

        var parameters = input.Parameters ?? new Dictionary<string, string>();
        foreach (var (key, value) in parameters)
        {
            if (key.Length is 0 or > MaxParameterKeyLength || (value?.Length ?? 0) > MaxParameterValueLength)
            {
                throw new InvalidInputException(
                    $"Parameter '{key}' of '{name}' is not valid: keys are 1–{MaxParameterKeyLength} characters, values at most {MaxParameterValueLength}.");
            }
        }

        return new ValidDatabaseInput(name, input.Description, location, parameters);
    }
}

/// <summary>A <see cref="DatabaseInput"/> that passed <see cref="CatalogRules.Validate"/>: name normalized, parameters present.</summary>
public sealed record ValidDatabaseInput(string Name, string? Description, string? LocationUri, IReadOnlyDictionary<string, string> Parameters);
