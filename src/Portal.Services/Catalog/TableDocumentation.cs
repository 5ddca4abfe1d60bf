namespace Lakeport.Services.Catalog;

/// <summary>
/// An edit of what a table says about itself: its description and comments of columns or partition keys (by name;
/// an empty comment removes it). With <see cref="ExpectedVersionId"/>, a table changed meanwhile is not overwritten.
/// </summary>
public sealed record TableDocumentation(string? Description, IReadOnlyDictionary<string, string?> ColumnComments, string? ExpectedVersionId = null);
