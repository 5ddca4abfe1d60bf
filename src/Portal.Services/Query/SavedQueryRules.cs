using System.Text;
using Lakeport.Services.Common;
using Lakeport.Services.Security;

namespace Lakeport.Services.Query;

/// <summary>Who may do what with saved queries, and Athena's limits on a named query.</summary>
public static class SavedQueryRules
{
    /// <summary>Viewers read their own and shared queries; saving one needs the Analyst role (the owner, or an Admin, changes it).</summary>
    public const PortalRole Read = PortalRole.Viewer;

    public const PortalRole Save = PortalRole.Analyst;

    /// <summary>Changes and deletes anyone's saved query.</summary>
    public const PortalRole Manage = PortalRole.Admin;

    public const int MaxNameLength = 128;
    public const int MaxDescriptionLength = 1024;
    public const int MaxDatabaseLength = 255;
    public const int MaxWorkGroupLength = 128;

    /// <summary>Athena's ListNamedQueries page limit.</summary>
    public const int MaxPerPage = 50;

    /// <summary>The input trimmed and checked: names 1–128 characters, SQL within Athena's size limit.</summary>
    public static SavedQueryInput Validate(SavedQueryInput input)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new InvalidInputException($"A saved query needs a name of 1–{MaxNameLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(input.Sql))
        {
            throw new InvalidInputException($"Saved query '{name}' has no SQL.");
        }

        if (Encoding.UTF8.GetByteCount(input.Sql) > QueryRules.MaxSqlBytes)
        {
            throw new InvalidInputException($"The SQL of saved query '{name}' is longer than {QueryRules.MaxSqlBytes} bytes.");
        }

        if (input.Description is { Length: > MaxDescriptionLength })
        {
            throw new InvalidInputException($"The description of saved query '{name}' is longer than {MaxDescriptionLength} characters.");
        }

        var database = string.IsNullOrWhiteSpace(input.Database) ? null : input.Database.Trim();
        if (database is { Length: > MaxDatabaseLength })
        {
            throw new InvalidInputException($"The database of saved query '{name}' is longer than {MaxDatabaseLength} characters.");
        }

        var workGroup = string.IsNullOrWhiteSpace(input.WorkGroup) ? QueryRules.PrimaryWorkGroup : input.WorkGroup.Trim();
        if (workGroup.Length > MaxWorkGroupLength)
        {
            throw new InvalidInputException($"The work group of saved query '{name}' is longer than {MaxWorkGroupLength} characters.");
        }

        return input with { Name = name, Database = database, WorkGroup = workGroup, Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description };
    }
}
