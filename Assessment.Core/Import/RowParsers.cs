using Assessment.Core.Diagnostics;
using Assessment.Core.Model;

namespace Assessment.Core.Import;

/// <summary>Turns raw records into typed rows, one function per table. A row with any error yields null.</summary>
internal static class RowParsers
{
    private static T? Done<T>(Cells c, T row) where T : class => c.HasError ? null : row;

    private static Cells Open(Cells c, bool unitMayBeStar = false)
    {
        var raw = c.Raw("unit_id");
        var star = unitMayBeStar && (raw.Length == 0 || raw == "*");
        c.AppliesToEveryUnit = star;
        if (!star)
        {
            c.UnitId = raw;
        }

        c.CheckStructure();
        return c;
    }

    public static UnitRow? Unit(Cells cells)
    {
        var c = Open(cells);
        var id = c.Req("unit_id");
        var name = c.Req("unit_name");
        var year = c.Whole("year", 2000, 2100, required: true);
        var profile = c.Opt("profile")?.ToLowerInvariant();
        if (profile is not null and not "standard" and not "grassroots")
        {
            c.Error("profile", Messages.UnknownWord, c.Raw("profile"), "profile");
        }

        return Done(c, new UnitRow(id, name, year ?? 0, profile, c.Bool("has_subordinate_groups"),
            c.Whole("agenda_meetings", 0, 1000), c.Bool("in_party_building_resp"), c.Bool("in_ideology_resp"),
            c.Rate("platform_active_rate"), c.Source));
    }

    public static MemberRow? Member(Cells cells)
    {
        var c = Open(cells);
        c.Req("unit_id");
        var id = c.Req("member_id");
        var name = c.Req("name");
        var roleText = c.Value("role");
        var roles = MemberRole.None;
        if (roleText.IsEmpty)
        {
            c.Error("role", Messages.Required);
        }
        else if (!ValueParser.TryRoles(roleText, out roles, out var bad))
        {
            c.Error("role", Messages.UnknownWord, bad ?? roleText.ToString(), "role");
        }

        return Done(c, new MemberRow(c.UnitId ?? "", id, name, roles, c.Bool("self_study_plan"), c.Bool("study_notes"), c.Source));
    }

    public static SessionRow? Session(Cells cells)
    {
        var c = Open(cells);
        c.Req("unit_id");
        var id = c.Req("session_id");
        var date = c.Date("date", required: true);
        List<ContentTag>? tags = null;
        List<string>? free = null;
        foreach (var tag in ValueParser.Items(c.Span(c.Index("content_tags")))) // only a free tag becomes a string
        {
            if (Vocabularies.Tag.TryParse(tag, out var known))
            {
                tags ??= [];
                if (!tags.Contains(known))
                {
                    tags.Add(known);
                }
            }
            else
            {
                (free ??= []).Add(tag.ToString());
            }
        }

        return Done(c, new SessionRow(c.UnitId ?? "", id, date ?? default, c.Whole("duration_minutes", 0, 1440),
            c.Word("form", Vocabularies.Form, SessionForm.Collective), c.Opt("topic"), (IReadOnlyList<ContentTag>?)tags ?? [], (IReadOnlyList<string>?)free ?? [], c.Opt("host_id"),
            c.Opt("acting_reason"), c.Date("notice_date"), c.Bool("materials_issued"), c.Bool("secretary_remarks"),
            c.Bool("sign_in"), c.Bool("has_record"), c.Bool("briefing"), c.Opt("linked_issue"),
            ValueParser.List(c.Raw("directive_ids")), c.Source));
    }

    public static AttendanceRow? Attendance(Cells cells)
    {
        var c = Open(cells);
        c.Req("unit_id");
        var session = c.Req("session_id");
        var member = c.Req("member_id");
        var status = c.Word<AttendanceStatus>("status", Vocabularies.Status);
        return Done(c, new AttendanceRow(c.UnitId ?? "", session, member, status, c.Bool("leave_approved"), c.Date("makeup_date"), c.Source));
    }

    public static SpeechRow? Speech(Cells cells)
    {
        var c = Open(cells);
        c.Req("unit_id");
        var session = c.Req("session_id");
        var member = c.Req("member_id");
        return Done(c, new SpeechRow(c.UnitId ?? "", session, member, c.Word("kind", Vocabularies.Speech, SpeechKind.Discussion), c.Bool("written"), c.Source));
    }

    public static OutputRow? Output(Cells cells)
    {
        var c = Open(cells);
        c.Req("unit_id");
        var id = c.Req("output_id");
        var kind = c.Word<OutputKind>("kind", Vocabularies.Output);
        return Done(c, new OutputRow(c.UnitId ?? "", id, c.Opt("member_id"), kind, c.Opt("title"), c.Date("date"),
            c.Word("published_level", Vocabularies.Level, PublishedLevel.None), c.Bool("adopted"), c.Source));
    }

    public static DocumentRow? Document(Cells cells)
    {
        var c = Open(cells);
        c.Req("unit_id");
        var id = c.Req("doc_id");
        var kind = c.Word<DocumentKind>("kind", Vocabularies.Document);
        return Done(c, new DocumentRow(c.UnitId ?? "", id, kind, c.Opt("title"), c.Date("date"), c.Opt("approved_by"),
            c.Date("filed_date"), c.Bool("has_topics"), c.Bool("has_schedule"), c.Source));
    }

    public static EventRow? Event(Cells cells)
    {
        var c = Open(cells);
        c.Req("unit_id");
        var id = c.Req("event_id");
        var kind = c.Word<EventKind>("kind", Vocabularies.Event);
        return Done(c, new EventRow(c.UnitId ?? "", id, kind, c.Date("date"), c.Opt("note"), c.Source));
    }

    public static DirectiveRow? Directive(Cells cells)
    {
        var c = Open(cells, unitMayBeStar: true);
        var id = c.Req("directive_id");
        var issued = c.Date("issued_date", required: true);
        return Done(c, new DirectiveRow(id, c.UnitId, c.Opt("title"), issued ?? default, c.Source));
    }

    public static ReviewRow? Review(Cells cells)
    {
        var c = Open(cells);
        c.Req("unit_id");
        var finding = c.Word<Finding>("finding", Vocabularies.Finding);
        return Done(c, new ReviewRow(c.UnitId ?? "", finding, c.Opt("note"), c.Source));
    }

    public static WaiverRow? Waiver(Cells cells)
    {
        var c = Open(cells, unitMayBeStar: true);
        var item = c.Req("item_id").ToUpperInvariant();
        var justification = c.Req("justification");
        var approvedBy = c.Req("approved_by");
        return Done(c, new WaiverRow(c.UnitId, item, justification, approvedBy, c.Date("expires"), c.Source));
    }
}
