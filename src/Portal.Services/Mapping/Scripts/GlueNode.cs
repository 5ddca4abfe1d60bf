using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lakeport.Services.Mapping.Scripts;

/// <summary>The steps of a generated script, in order.</summary>
internal enum GlueNodeKind
{
    CatalogSource,
    ChangeSchema,
    ResolveChoice,
    DropNullFields,
    S3Sink,
}

/// <summary>
/// One Glue Studio node: the label in its <c># Script generated for node</c> comment and its variable
/// <c>&lt;Label&gt;_node&lt;13 digits&gt;</c>, which is also its <c>transformation_ctx</c> (so job bookmarks key on it).
/// </summary>
internal sealed record GlueNode(GlueNodeKind Kind, string Label, string Variable)
{
    // Glue Studio's ids are epoch milliseconds; ours fall in the same 13-digit range but come from a hash of the
    // mapping name, version and label, so the same mapping version always gives the same bytes.
    private const long FirstId = 1_600_000_000_000;
    private const long IdRange = 300_000_000_000;

    /// <summary>The nodes the mapping needs: ResolveChoice and DropNullFields only when its options ask for them.</summary>
    public static IReadOnlyList<GlueNode> For(MappingVersion mapping)
    {
        var options = mapping.Definition.Options;
        var nodes = new List<GlueNode> { Create(mapping, GlueNodeKind.CatalogSource, "AWS Glue Data Catalog") };
        nodes.Add(Create(mapping, GlueNodeKind.ChangeSchema, "Change Schema"));
        if (HasResolveChoice(options))
        {
            nodes.Add(Create(mapping, GlueNodeKind.ResolveChoice, "Resolve Choice"));
        }

        if (options.DropNullFields)
        {
            nodes.Add(Create(mapping, GlueNodeKind.DropNullFields, "Drop Null Fields"));
        }

        nodes.Add(Create(mapping, GlueNodeKind.S3Sink, "Amazon S3"));
        return nodes;
    }

    public static bool HasResolveChoice(MappingOptions options) =>
        !string.IsNullOrEmpty(options.ResolveChoice) || options.ResolveChoiceSpecs is { Count: > 0 };

    private static GlueNode Create(MappingVersion mapping, GlueNodeKind kind, string label)
    {
        var key = string.Join('\0', mapping.Name, mapping.Version.ToString(CultureInfo.InvariantCulture), label);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var id = FirstId + (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) % IdRange);
        var variable = label.Replace(" ", string.Empty, StringComparison.Ordinal) + "_node" + id.ToString(CultureInfo.InvariantCulture);
        return new GlueNode(kind, label, variable);
    }
}
