"""Service levels: what each provider promises, and what the current one actually delivered."""

from datetime import UTC, datetime
from decimal import Decimal

import pandas as pd
import streamlit as st

from itexit import service as sla
from itexit import ui
from itexit.evaluation import Evaluation
from itexit.input import InvalidInput, validated
from itexit.service import ServiceLevels, TicketImport, sla_trend
from itexit.types import PRIORITIES

ui.header(
    "Service levels",
    "What each provider **promises**: uptime, how fast it responds to and resolves a ticket "
    "of each priority (P1 urgent, P2 important, P3 routine), and the service credits if it "
    "misses. For your current provider, import a ticket export from its ticket system to see "
    "what it actually **delivered**, month by month, beside what it promised.",
)
stored = ui.require_evaluation()
ui.require_providers(stored)
evaluation = stored.evaluation

provider = evaluation.provider(ui.choose_provider(evaluation.ordered_providers, "Promises of"))
service = provider.service or ServiceLevels()
with st.form(ui.widget_key(f"service-{provider.id}"), border=True):
    st.markdown(f"**What {ui.plain(provider.name)} promises**")
    uptime = st.text_input(
        "Uptime guarantee (%)",
        "" if service.uptime is None else f"{service.uptime}",
        placeholder="e.g. 99.9",
        help="99.9 % allows about 8.8 hours of downtime a year; 99.5 % about 44 hours.",
    )
    header = st.columns([1, 2, 2])
    header[1].markdown("Respond within (hours)")
    header[2].markdown("Resolve within (hours)")
    times: dict[str, tuple[float | None, float | None]] = {}
    for priority in PRIORITIES:
        row = st.columns([1, 2, 2], vertical_alignment="center")
        row[0].markdown(f"**{priority}**")
        times[priority] = (
            row[1].number_input(
                f"{priority} response",
                0.0,
                10_000.0,
                service.response_hours.get(priority),
                step=0.5,
                label_visibility="collapsed",
                placeholder="not promised",
            ),
            row[2].number_input(
                f"{priority} resolution",
                0.0,
                10_000.0,
                service.resolution_hours.get(priority),
                step=0.5,
                label_visibility="collapsed",
                placeholder="not promised",
            ),
        )
    credits = st.text_input(
        "Service credits",
        service.credits,
        max_chars=500,
        placeholder="e.g. 5 % of the monthly fee for each hour below the uptime guarantee",
    )
    if st.form_submit_button("Save promises", type="primary"):

        def promise(evaluation: Evaluation) -> Evaluation:
            try:
                level = Decimal(uptime.strip()) if uptime.strip() else None
            except ArithmeticError:
                raise InvalidInput(f"Uptime guarantee: '{uptime}' is not a number.") from None
            entered = validated(
                ServiceLevels,
                uptime=level,
                response_hours={p: r for p, (r, _) in times.items() if r is not None},
                resolution_hours={p: r for p, (_, r) in times.items() if r is not None},
                credits=credits.strip(),
            )
            return evaluation.with_service_levels(provider.id, entered)

        ui.change(stored, promise, f"Saved the promises of {provider.name}.", from_form=True)

current = evaluation.current
st.subheader("What your current provider delivered")
if current is None:
    st.info("Mark your current provider on the Providers page to import its tickets.")
    st.stop()

upload_key = ui.widget_key("tickets-file")
upload = st.file_uploader(
    f"Ticket export from {ui.plain(current.name)} (CSV)",
    type=["csv", "txt"],
    key=upload_key,
    help="Export all tickets of the last 12 months or more from the provider's portal or "
    "ticket system (Zendesk, Freshdesk, ConnectWise, Autotask, ServiceNow, Jira, HaloPSA...).",
)
if upload is not None:
    try:
        frame = ui.uploaded_tickets(upload.getvalue())
    except InvalidInput as exc:
        st.error(f"{ui.plain(upload.name)}: {ui.plain(str(exc))}")
    else:
        st.markdown(
            f"**{len(frame):,} rows** in {ui.plain(upload.name)}. Tell ITexit which column holds "
            "what; its guesses (or your choices from the last import) are filled in."
        )
        st.dataframe(frame.head(5), hide_index=True)
        columns = list(frame.columns)
        guessed = sla.guess_mapping(columns)
        if evaluation.tickets is not None:  # map once: reuse the last import's choices that fit
            saved = evaluation.tickets.mapping
            for field in (
                "created",
                "priority",
                "status",
                "category",
                "first_response",
                "resolved",
            ):
                if saved.get(field) in columns:
                    guessed[field] = saved[field]
                    if f"{field}_kind" in saved:
                        guessed[f"{field}_kind"] = saved[f"{field}_kind"]
        none, choose = "(not in this file)", "(choose a column)"
        with st.form(ui.widget_key("mapping"), border=True):

            def pick(
                label: str, field: str, required: bool = False, help: str | None = None
            ) -> str | None:
                empty = choose if required else none
                choices = [empty, *columns]
                chosen = guessed.get(field) or empty
                value = st.selectbox(label, choices, index=choices.index(chosen), help=help)
                return None if value in (none, choose) else value

            def kind(label: str, field: str) -> str:
                kinds = {
                    "timestamp": "a date and time",
                    "minutes": "minutes after creation",
                    "hours": "hours after creation",
                }
                guess = guessed.get(f"{field}_kind") or "timestamp"
                return str(
                    st.radio(
                        label,
                        list(kinds),
                        index=list(kinds).index(guess),
                        horizontal=True,
                        format_func=kinds.__getitem__,
                    )
                )

            left, right = st.columns(2)
            with left:
                created = pick("Created", "created", required=True)
                priority = pick("Priority", "priority", required=True)
                status = pick("Status", "status", help="Used to tell which tickets are still open")
                category = pick("Category", "category")
            with right:
                response = pick("First response", "first_response")
                response_kind = kind("First response is", "first_response")
                resolved = pick("Resolved", "resolved")
                resolved_kind = kind("Resolved is", "resolved")
            go_on, cancel = st.columns(2)
            do_import = go_on.form_submit_button("Import these tickets", type="primary")
            do_cancel = cancel.form_submit_button("Cancel")
        if do_cancel:
            ui.reject("Import cancelled; nothing was saved.")
        if do_import:
            bar = st.progress(0.0, text="Reading the tickets")
            try:
                if created is None or priority is None:
                    raise InvalidInput(
                        "Choose the columns that hold the creation date and the priority."
                    )
                mapping = sla.TicketColumns(
                    created=created,
                    priority=priority,
                    first_response=response,
                    first_response_kind=response_kind,
                    resolved=resolved,
                    resolved_kind=resolved_kind,
                    status=status,
                    category=category,
                )
                tickets = sla.normalise(
                    frame, mapping, lambda share, text: bar.progress(share, text=text)
                )
            except InvalidInput as exc:
                bar.empty()
                st.error(f"Nothing was imported. {ui.plain(str(exc))}")
            else:
                summary = TicketImport(
                    file_name=upload.name[:300],
                    imported_at=datetime.now(UTC),
                    tickets=len(tickets.frame),
                    skipped=tickets.skipped,
                    mapping=mapping.model_dump(),
                    problems=tuple(p.sentence() for p in tickets.problems),
                )

                body = sla.tickets_to_bytes(tickets.frame)

                skipped = (
                    f" {tickets.skipped:,} rows were skipped (see below)."
                    if tickets.skipped
                    else ""
                )
                ui.change(
                    stored,
                    lambda e: e.with_tickets(summary),
                    f"Imported {len(tickets.frame):,} tickets.{skipped}",
                    then=lambda store: store.save_tickets(stored.id, body),
                )

info = evaluation.tickets
tickets_frame = ui.tickets(stored)
if info is None or tickets_frame is None:
    st.info(
        "No tickets imported yet. Export the tickets from your provider's system as CSV and "
        "drop the file above: ITexit measures them against the promises."
    )
    st.stop()

st.caption(
    f"{info.tickets:,} tickets from {ui.plain(info.file_name)}, imported "
    f"{info.imported_at:%d %b %Y}; created {tickets_frame['created'].min():%d %b %Y} to "
    f"{tickets_frame['created'].max():%d %b %Y}."
)
if info.problems:
    st.warning(
        f"{info.skipped:,} rows were skipped: "
        + "; ".join(ui.plain(p) for p in info.problems)
        + "."
    )
promised = current.service
if promised is None or not (promised.response_hours or promised.resolution_hours):
    st.info(
        f"Enter what {ui.plain(current.name)} promises above to see how often it kept its word."
    )
table = sla.delivered(tickets_frame, promised)
shown = pd.DataFrame(
    {
        "Priority": table.index,
        "Tickets": table["tickets"],
        "Still open": table["open"],
        "Respond: promised (h)": table["response promised h"],
        "Respond: met": table["response met %"],
        "Respond: median (h)": table["response median h"],
        "Respond: 90 % within (h)": table["response p90 h"],
        "Resolve: promised (h)": table["resolution promised h"],
        "Resolve: met": table["resolution met %"],
        "Resolve: median (h)": table["resolution median h"],
        "Resolve: 90 % within (h)": table["resolution p90 h"],
    }
)
hours_format = st.column_config.NumberColumn(format="%.1f")
share_format = st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100)
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    column_config={
        "Respond: met": share_format,
        "Resolve: met": share_format,
        **{c: hours_format for c in shown.columns if c.endswith("(h)")},
    },
)
st.caption(
    "'Met' is the share of tickets answered or resolved within the promised hours (open "
    "tickets have no resolution time yet). Half of the tickets took less than the median; 9 "
    "in 10 took less than the '90 %' figure."
)
trend = sla.monthly_trend(tickets_frame, promised)
if trend["resolution met %"].notna().any():
    st.markdown("**Month by month**")
    st.plotly_chart(sla_trend(trend), width="stretch", config={"displaylogo": False})
