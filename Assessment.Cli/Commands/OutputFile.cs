using System.Text;
using Assessment.Core.Writing;

namespace Assessment.Cli.Commands;

/// <summary>Writes a command's result to stdout, or to a file through a temporary file renamed only on success, so a
/// failed run never leaves a partial file nor destroys the previous one.</summary>
internal static class OutputFile
{
    /// <summary>Refuses an output file that is a folder, or whose folder does not exist, before any work is done: a
    /// report of 20,000 units is written only after every unit is scored. <paramref name="option"/> ("-o"), when
    /// given, is named in the message before the path.</summary>
    public static void CheckFolder(string? path, string? option)
    {
        var named = option is null ? path : $"{option} {path}";
        if (path is not null && Directory.Exists(path))
        {
            throw new UsageException($"{named}: 是文件夹，请给出文件名 / is a folder; give a file name");
        }

        if (path is not null && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
        {
            throw new UsageException($"{named}: 文件夹不存在 / no such folder: {folder}");
        }
    }

    public static void Write(string? path, TextWriter stdout, Action<TextWriter> write)
    {
        if (path is null)
        {
            write(stdout);
            stdout.Flush();
            return;
        }

        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            // A new file, not an emptied one: on ext4 a file truncated to zero is written back to disk when it is
            // closed (auto_da_alloc), which held the close of a 358 MB output for 0.18 s. A stale temporary file of a
            // process that had the same id goes first.
            File.Delete(temp);
            using (var w = new StreamWriter(new OutputStream(new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 0)), new UTF8Encoding(false), bufferSize: 1 << 20))
            {
                write(w);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (FileTooLargeException e)
        {
            throw e.Naming(full);
        }
        catch (Exception e) when (IsAbout(e, temp))
        {
            throw Naming(e, temp, full);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Writes a file through a temporary file in the same folder, renamed over the target only on success.</summary>
    public static void WriteFile(string path, Action<string> write)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp{Path.GetExtension(full)}");
        try
        {
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch (FileTooLargeException e)
        {
            throw e.Naming(full);
        }
        catch (Exception e) when (IsAbout(e, temp) || IsAbout(e, full))
        {
            throw Naming(e, temp, full);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Writes files into <paramref name="folder"/> through a temporary folder inside it: every file is written
    /// there first and moved into place only once all are written, so a failed run leaves the folder as it was (and
    /// removes it if the run made it). Files already in the folder that are not written again are kept.</summary>
    public static void WriteFolder(string folder, Action<string> write)
    {
        var full = Path.GetFullPath(folder);
        if (File.Exists(full))
        {
            throw new UsageException($"{folder}: 是文件，不是文件夹 / is a file, not a folder");
        }

        var made = !Directory.Exists(full);
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (IsAbout(e, full))
        {
            throw Naming(e, full, full);
        }

        var temp = Path.Combine(full, $".assess.{Environment.ProcessId}.tmp");
        try
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true); // a stale one of a process that had the same id
            }

            Directory.CreateDirectory(temp);
            write(temp);
            foreach (var file in Directory.GetFiles(temp))
            {
                File.Move(file, Path.Combine(full, Path.GetFileName(file)), overwrite: true);
            }
        }
        catch (Exception failure)
        {
            try
            {
                if (Directory.Exists(temp))
                {
                    Directory.Delete(temp, recursive: true);
                }

                if (made && !Directory.EnumerateFileSystemEntries(full).Any())
                {
                    Directory.Delete(full);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The failure that brought us here is the one to report.
            }

            if (failure is FileTooLargeException { File: { } file } big)
            {
                throw big.Naming(Path.Combine(full, Path.GetFileName(file)));
            }

            if (IsAbout(failure, full))
            {
                throw Naming(failure, temp, full);
            }

            throw;
        }

        Directory.Delete(temp);
    }

    /// <summary>Whether <paramref name="e"/> is a failure to create, write or move <paramref name="path"/> (or what is
    /// in it): .NET names the path in the message of every such failure, and nothing else assess does names it.</summary>
    internal static bool IsAbout(Exception e, string path) =>
        e is IOException or UnauthorizedAccessException && e is not FileTooLargeException && e.Message.Contains(path, StringComparison.Ordinal);

    /// <summary>The failure, naming what the user asked for instead of the temporary file or folder written in its place
    /// (a folder that cannot be written to would otherwise be reported as ".scores.json.1234.tmp" being denied).</summary>
    internal static IOException Naming(Exception e, string temp, string target) =>
        new($"{target}: 无法写入 / cannot write: {e.Message.Replace(temp, target, StringComparison.Ordinal)}", e);
}
