namespace Assessment.Cli.Rendering;

/// <summary>The words of the user interface in Chinese and English.</summary>
internal sealed class Text(string lang)
{
    public string Lang { get; } = lang;

    private string T(string zh, string en) => Lang == "en" ? en : zh;

    public string Unit => T("单位", "Unit");
    public string Year => T("年度", "Year");
    public string Profile => T("测评方案", "Rubric");
    public string Total => T("总分", "Total");
    public string Base => T("基础分", "Base");
    public string BonusWord => T("加分", "Bonus");
    public string Grade => T("等次", "Grade");
    public string Rank => T("排名", "Rank");
    public string Item => T("项目", "Item");
    public string Title => T("内容", "Title");
    public string Score => T("得分", "Score");
    public string Status => T("状态", "Status");
    public string Explanation => T("说明", "Explanation");
    public string Vetoes => T("一票否决", "Vetoes");
    public string Waivers => T("豁免", "Waivers");
    public string NeedsReview => T("待核实项目（导出数据中无相关记录）", "Items needing review (nothing in the export bears on them)");
    public string None => T("无", "none");
    public string Errors => T("错误", "Errors");
    public string Warnings => T("警告", "Warnings");
    public string InvalidUnits => T("未评分单位（数据有错误）", "Units not scored (row errors)");

    public string NoUnits => T("没有可评分的单位：导出数据未列出任何单位", "No units to score: the export lists none");
    public string WithoutWaivers => T("不计豁免总分", "Total without waivers");
    public string Files => T("文件", "Files");
    public string RowsRead => T("各表行数", "Rows per table");
    public string UnitsRead(int total, int valid, int invalid) =>
        T($"读取单位 {total} 个：可评分 {valid} 个，有错误 {invalid} 个", $"{total} unit(s) read: {valid} valid, {invalid} with errors");
    public string Counts(int errors, int warnings) => T($"错误 {errors} 条，警告 {warnings} 条", $"{errors} error(s), {warnings} warning(s)");
    public string ValidateOk => T("校验通过，无错误。", "Valid: no errors.");
    public string ValidateFileErrors => T("文件错误，无法评分。", "File errors: nothing can be scored.");
    public string ApprovedBy => T("批准人", "approved by");
    public string Expires => T("截止", "expires");
    public string Never => T("长期", "never");
    public string Summary => T("汇总", "Summary");
    public string MostLost => T("失分最多的项目", "Items most often lost");
    public string UnitsLosing => T("失分单位数", "Units losing points");
    public string PointsLost => T("合计失分", "Points lost");
    public string Change => T("变化", "Change");
    public string Previous => T("上次", "Previous");
    public string ComparedTo(string file, string? asOf) => T($"对比上次结果 {file}" + (asOf is null ? "" : $"（{asOf}）"), $"compared with {file}" + (asOf is null ? "" : $" ({asOf})"));
    public string Added => T("新增单位", "Units added");
    public string Removed => T("移除单位", "Units removed");
    public string ChangedItems => T("变化的项目", "Items that changed");
    public string GradeDistribution => T("等次分布", "Grade distribution");
    public string Units => T("单位", "Units");
    public string Categories => T("分类得分", "Category scores");
    public string ReportTitle => T("理论学习中心组学习测评结果", "Study group assessment results");
    public string AsOf => T("豁免判断日期", "As of");
    public string Evidence => T("证据", "Evidence");
}
