using System.Text.Json;

namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>One <c>transformation_ctx</c> of a job bookmark and how many processed files it remembers.</summary>
public sealed record BookmarkContext(string Name, int Files);

/// <summary>
/// A job bookmark's JSON state in a line per <c>transformation_ctx</c>. The state's inner shape is the backend's
/// business, so the files counted are the string values in the context's arrays wherever they sit.
/// </summary>
public static class BookmarkSummary
{
    /// <returns>The contexts, or null when the state is not a JSON object (the page then shows it raw).</returns>
    public static IReadOnlyList<BookmarkContext>? Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind != JsonValueKind.Object
                ? null
                : [.. document.RootElement.EnumerateObject().Select(p => new BookmarkContext(p.Name, CountFiles(p.Value, inArray: false)))];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int CountFiles(JsonElement element, bool inArray) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().Sum(e => CountFiles(e, inArray: true)),
        JsonValueKind.Object => element.EnumerateObject().Sum(p => CountFiles(p.Value, inArray)),
        JsonValueKind.String when inArray => 1,
        _ => 0,
    };
}
