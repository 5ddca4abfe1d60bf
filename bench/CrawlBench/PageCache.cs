using System.Runtime.InteropServices;

namespace Lakeport.Bench;

/// <summary>
/// Makes a pass cold: drops the kernel's page, dentry and inode caches when <c>/proc/sys/vm/drop_caches</c> is
/// writable (root on Linux), else asks the kernel to forget each file's pages with posix_fadvise(DONTNEED).
/// </summary>
public static partial class PageCache
{
    private const int PosixFadvDontNeed = 4;

    public static string Method { get; } = File.Exists("/proc/sys/vm/drop_caches") && CanWrite("/proc/sys/vm/drop_caches")
        ? "drop_caches"
        : "posix_fadvise";

    public static void Evict(string folder)
    {
        Sync();
        if (Method == "drop_caches")
        {
            File.WriteAllText("/proc/sys/vm/drop_caches", "3\n");
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            using var handle = File.OpenHandle(file);
            var result = PosixFadvise((int)handle.DangerousGetHandle(), 0, 0, PosixFadvDontNeed);
            if (result != 0)
            {
                throw new IOException($"posix_fadvise failed on {file} with error {result}.");
            }
        }
    }

    private static bool CanWrite(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "sync")]
    private static partial void Sync();

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(int fd, long offset, long length, int advice);
}
