using System.Globalization;
using Assessment.Core.Import;
using Assessment.Core.Model;

namespace Assessment.Core.Writing;

/// <summary>The rows of an export as canonical cell text per table, in schema column order: booleans 是/否, dates
/// yyyy-MM-dd, rates as fractions, vocabulary in Chinese (or English codes), lists joined with ";". Reading the text
/// back gives the same rows, which is what makes <c>assess convert</c> lossless.</summary>
internal static class CanonicalRows
{
    /// <summary>Every table's rows, made as they are enumerated (each time anew: a province's rows as text would take
    /// gigabytes at once); directives and waivers of every unit appear once.</summary>
    public static IReadOnlyDictionary<TableSchema, IEnumerable<string[]>> Of(Export export, bool englishCodes = false)
    {
        var u = export.Units;
        var v = new Vocab(englishCodes);
        return new Dictionary<TableSchema, IEnumerable<string[]>>
        {
            [Tables.Units] = u.Select(x => Unit(x.Unit)),
            [Tables.Members] = u.SelectMany(x => x.Members).Select(m => Member(v, m)),
            [Tables.Sessions] = u.SelectMany(x => x.Sessions).Select(s => Session(v, s)),
            [Tables.Attendance] = u.SelectMany(x => x.Attendance).Select(a => Attendance(v, a)),
            [Tables.Speeches] = u.SelectMany(x => x.Speeches).Select(s => Speech(v, s)),
            [Tables.Outputs] = u.SelectMany(x => x.Outputs).Select(o => Output(v, o)),
            [Tables.Documents] = u.SelectMany(x => x.Documents).Select(d => Document(v, d)),
            [Tables.Events] = u.SelectMany(x => x.Events).Select(e => Event(v, e)),
            [Tables.Directives] = u.SelectMany(x => x.Directives).DistinctBy(d => d.Source).Select(Directive),
            [Tables.Reviews] = u.SelectMany(x => x.Reviews).Select(r => Review(v, r)),
            [Tables.Waivers] = u.SelectMany(x => x.Waivers).DistinctBy(w => w.Source).Select(Waiver),
        };
    }

    public static string[] Unit(UnitRow x) => [x.UnitId, x.UnitName, Int(x.Year), x.Profile ?? "", Bool(x.HasSubordinateGroups),
        Int(x.AgendaMeetings), Bool(x.InPartyBuildingResp), Bool(x.InIdeologyResp), Rate(x.PlatformActiveRate)];

    public static string[] Member(Vocab v, MemberRow m) => [m.UnitId, m.MemberId, m.Name, v.Roles(m.Roles), Bool(m.SelfStudyPlan), Bool(m.StudyNotes)];

    public static string[] Session(Vocab v, SessionRow s) => [s.UnitId, s.SessionId, Date(s.Date), Int(s.DurationMinutes), v.Of(Vocabularies.Form, s.Form),
        s.Topic ?? "", string.Join(";", s.Tags.Select(t => v.Of(Vocabularies.Tag, t)).Concat(s.FreeTags)), s.HostId ?? "", s.ActingReason ?? "",
        Date(s.NoticeDate), Bool(s.MaterialsIssued), Bool(s.SecretaryRemarks), Bool(s.SignIn), Bool(s.HasRecord), Bool(s.Briefing),
        s.LinkedIssue ?? "", string.Join(";", s.DirectiveIds)];

    public static string[] Attendance(Vocab v, AttendanceRow a) => [a.UnitId, a.SessionId, a.MemberId, v.Of(Vocabularies.Status, a.Status), Bool(a.LeaveApproved), Date(a.MakeupDate)];

    public static string[] Speech(Vocab v, SpeechRow s) => [s.UnitId, s.SessionId, s.MemberId, v.Of(Vocabularies.Speech, s.Kind), Bool(s.Written)];

    public static string[] Output(Vocab v, OutputRow o) => [o.UnitId, o.OutputId, o.MemberId ?? "", v.Of(Vocabularies.Output, o.Kind), o.Title ?? "",
        Date(o.Date), v.Of(Vocabularies.Level, o.PublishedLevel), Bool(o.Adopted)];

    public static string[] Document(Vocab v, DocumentRow d) => [d.UnitId, d.DocId, v.Of(Vocabularies.Document, d.Kind), d.Title ?? "", Date(d.Date),
        d.ApprovedBy ?? "", Date(d.FiledDate), Bool(d.HasTopics), Bool(d.HasSchedule)];

    public static string[] Event(Vocab v, EventRow e) => [e.UnitId, e.EventId, v.Of(Vocabularies.Event, e.Kind), Date(e.Date), e.Note ?? ""];

    public static string[] Directive(DirectiveRow d) => [d.DirectiveId, d.UnitId ?? "*", d.Title ?? "", Date(d.IssuedDate)];

    public static string[] Review(Vocab v, ReviewRow r) => [r.UnitId, v.Of(Vocabularies.Finding, r.Finding), r.Note ?? ""];

    public static string[] Waiver(WaiverRow w) => [w.UnitId ?? "*", w.ItemId, w.Justification, w.ApprovedBy, Date(w.Expires)];

    /// <summary>The vocabulary's words as written: Chinese, or the English codes.</summary>
    public sealed class Vocab(bool english)
    {
        public string Of<T>(Vocabulary<T> v, T value) where T : struct, Enum => english ? v.En(value) : v.Zh(value);

        public string Roles(MemberRole roles) => string.Join(";", Enum.GetValues<MemberRole>().Where(r => r != MemberRole.None && roles.HasFlag(r)).Select(r => Of(Vocabularies.Role, r)));
    }

    private static string Bool(bool? b) => b switch { true => "是", false => "否", null => "" };

    private static string Date(DateOnly? d) => d is { } x ? ValueParser.Format(x) : "";

    private static string Int(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Rate(decimal? r) => r?.ToString(CultureInfo.InvariantCulture) ?? "";
}
