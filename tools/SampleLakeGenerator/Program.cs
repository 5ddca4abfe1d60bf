using Lakeport.Tools.SampleLakeGenerator;

// Writes the sample lake the portal seeds into s3://samples/ on first start. Synthetic and deterministic:
// a fixed seed gives byte-identical CSV and JSON on every run.
var output = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("samples", "lake"));
if (Directory.Exists(output))
{
    Directory.Delete(output, recursive: true);
}

Directory.CreateDirectory(output);
var catalog = new ProductCatalog(new Random(20251125));
await OrdersWriter.WriteAsync(output, catalog, new Random(1), CancellationToken.None);
await EventsWriter.WriteAsync(output, catalog, new Random(2), CancellationToken.None);
await ParquetWriter.WriteAsync(output, catalog, CancellationToken.None);

foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
{
    Console.WriteLine($"{new FileInfo(file).Length,9:N0}  {Path.GetRelativePath(output, file)}");
}

Console.WriteLine($"{Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length),9:N0}  total");
