namespace Assessment.Tests.TestAssets;

/// <summary>The spool files a process holds open (Linux: its /proc/PID/fd links). On Linux and macOS a spool file's name
/// is removed as soon as it is made, so it shows only there, as "… (deleted)".</summary>
internal static class OpenSpools
{
    /// <summary>How many spool files made in <paramref name="folder"/> process <paramref name="pid"/> holds open, with
    /// their names removed; and how many with a name still (there should be none). None for a process that has ended.</summary>
    public static (int Unnamed, int Named) In(int pid, string folder)
    {
        var prefix = Path.Combine(Path.GetFullPath(folder), ".assess-spool.");
        int unnamed = 0, named = 0;
        string[] fds;
        try
        {
            fds = Directory.GetFileSystemEntries($"/proc/{pid}/fd");
        }
        catch (IOException)
        {
            return (0, 0); // the process has ended (and been reaped): it holds nothing open
        }

        foreach (var fd in fds)
        {
            string? target;
            try
            {
                target = File.ResolveLinkTarget(fd, returnFinalTarget: false)?.ToString();
            }
            catch (IOException)
            {
                continue; // closed meanwhile
            }

            if (target is not null && target.StartsWith(prefix, StringComparison.Ordinal))
            {
                _ = target.EndsWith(" (deleted)", StringComparison.Ordinal) ? unnamed++ : named++;
            }
        }

        return (unnamed, named);
    }
}
