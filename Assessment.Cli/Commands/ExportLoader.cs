using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;

namespace Assessment.Cli.Commands;

/// <summary>Resolves the input path and the rubric, and reads the export: the one place the CLI turns arguments into data.</summary>
internal static class ExportLoader
{
    /// <summary>The sample export shipped beside the program (copied into the output folder at build time).</summary>
    public static string SamplePath => System.IO.Path.Combine(AppContext.BaseDirectory, "samples");

    public static Assessor CreateAssessor(string? rubric)
    {
        try
        {
            return rubric is null ? Assessor.Create() : Assessor.Create(RubricCatalog.Load(rubric));
        }
        catch (RubricException e)
        {
            throw new UsageException($"--rubric: {e.Message}");
        }
    }

    public static Export Read(string? path, ReadOptions options)
    {
        var source = path ?? SamplePath;
        if (File.Exists(source))
        {
            var ext = System.IO.Path.GetExtension(source).ToLowerInvariant();
            throw new UsageException(ext is ".json" or ".xlsx"
                ? $"{source}: 暂不支持 {ext} 导出，请使用 CSV 文件夹 / {ext} exports are not supported yet; use a folder of CSV files"
                : $"{source}: 请给出 CSV 文件夹 / give the folder that holds the CSV files");
        }

        if (!Directory.Exists(source))
        {
            throw new UsageException($"{source}: 文件夹不存在 / no such folder");
        }

        return CsvExport.Read(source, options);
    }
}
