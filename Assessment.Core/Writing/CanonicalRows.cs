using System.Globalization;
using Assessment.Core.Import;
using Assessment.Core.Model;

namespace Assessment.Core.Writing;

/// <summary>The rows of an export as canonical cell text per table, in schema column order: booleans 是/否, dates
/// yyyy-MM-dd, rates as fractions, vocabulary in Chinese (or English codes), lists joined with ";". Reading the text
/// back gives the same rows, which is what makes <c>assess convert</c> lossless.</summary>
internal static class CanonicalRows
{
    /// <summary>Every table's rows; directives and waivers of every unit appear once.</summary>
    public static IReadOnlyDictionary<TableSchema, IReadOnlyList<string[]>> Of(Export export, bool englishCodes = false)
    {
        var u = export.Units;
        var v = new Vocab(englishCodes);
        return new Dictionary<TableSchema, IReadOnlyList<string[]>>
        {
            [Tables.Units] = u.Select(x => x.Unit).Select(x => new[] { x.UnitId, x.UnitName, Int(x.Year), x.Profile ?? "", Bool(x.HasSubordinateGroups),
                Int(x.AgendaMeetings), Bool(x.InPartyBuildingResp), Bool(x.InIdeologyResp), Rate(x.PlatformActiveRate) }).ToArray(),
            [Tables.Members] = u.SelectMany(x => x.Members).Select(m => new[] { m.UnitId, m.MemberId, m.Name, v.Roles(m.Roles), Bool(m.SelfStudyPlan), Bool(m.StudyNotes) }).ToArray(),
            [Tables.Sessions] = u.SelectMany(x => x.Sessions).Select(s => new[] { s.UnitId, s.SessionId, Date(s.Date), Int(s.DurationMinutes), v.Of(Vocabularies.Form, s.Form),
                s.Topic ?? "", string.Join(";", s.Tags.Select(t => v.Of(Vocabularies.Tag, t)).Concat(s.FreeTags)), s.HostId ?? "", s.ActingReason ?? "",
                Date(s.NoticeDate), Bool(s.MaterialsIssued), Bool(s.SecretaryRemarks), Bool(s.SignIn), Bool(s.HasRecord), Bool(s.Briefing),
                s.LinkedIssue ?? "", string.Join(";", s.DirectiveIds) }).ToArray(),
            [Tables.Attendance] = u.SelectMany(x => x.Attendance).Select(a => new[] { a.UnitId, a.SessionId, a.MemberId, v.Of(Vocabularies.Status, a.Status), Bool(a.LeaveApproved), Date(a.MakeupDate) }).ToArray(),
            [Tables.Speeches] = u.SelectMany(x => x.Speeches).Select(s => new[] { s.UnitId, s.SessionId, s.MemberId, v.Of(Vocabularies.Speech, s.Kind), Bool(s.Written) }).ToArray(),
            [Tables.Outputs] = u.SelectMany(x => x.Outputs).Select(o => new[] { o.UnitId, o.OutputId, o.MemberId ?? "", v.Of(Vocabularies.Output, o.Kind), o.Title ?? "",
                Date(o.Date), v.Of(Vocabularies.Level, o.PublishedLevel), Bool(o.Adopted) }).ToArray(),
            [Tables.Documents] = u.SelectMany(x => x.Documents).Select(d => new[] { d.UnitId, d.DocId, v.Of(Vocabularies.Document, d.Kind), d.Title ?? "", Date(d.Date),
                d.ApprovedBy ?? "", Date(d.FiledDate), Bool(d.HasTopics), Bool(d.HasSchedule) }).ToArray(),
            [Tables.Events] = u.SelectMany(x => x.Events).Select(e => new[] { e.UnitId, e.EventId, v.Of(Vocabularies.Event, e.Kind), Date(e.Date), e.Note ?? "" }).ToArray(),
            [Tables.Directives] = u.SelectMany(x => x.Directives).DistinctBy(d => d.Source).Select(d => new[] { d.DirectiveId, d.UnitId ?? "*", d.Title ?? "", Date(d.IssuedDate) }).ToArray(),
            [Tables.Reviews] = u.SelectMany(x => x.Reviews).Select(r => new[] { r.UnitId, v.Of(Vocabularies.Finding, r.Finding), r.Note ?? "" }).ToArray(),
            [Tables.Waivers] = u.SelectMany(x => x.Waivers).DistinctBy(w => w.Source).Select(w => new[] { w.UnitId ?? "*", w.ItemId, w.Justification, w.ApprovedBy, Date(w.Expires) }).ToArray(),
        };
    }

    private sealed class Vocab(bool english)
    {
        public string Of<T>(Vocabulary<T> v, T value) where T : struct, Enum => english ? v.En(value) : v.Zh(value);

        public string Roles(MemberRole roles) => string.Join(";", Enum.GetValues<MemberRole>().Where(r => r != MemberRole.None && roles.HasFlag(r)).Select(r => Of(Vocabularies.Role, r)));
    }

    private static string Bool(bool? b) => b switch { true => "是", false => "否", null => "" };

    private static string Date(DateOnly? d) => d is { } x ? ValueParser.Format(x) : "";

    private static string Int(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Rate(decimal? r) => r?.ToString(CultureInfo.InvariantCulture) ?? "";
}
