using System.Globalization;

namespace Lakeport.Bench.Job;

/// <summary>This process's peak resident memory (VmHWM), reset between measurements through /proc/self/clear_refs.</summary>
public static class PeakMemory
{
    public static void Reset() => File.WriteAllText("/proc/self/clear_refs", "5");

    public static double MiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }
}
