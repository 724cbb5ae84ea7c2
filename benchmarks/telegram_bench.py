"""Telegram adapters under load, on loopback: one command, one table.

    .venv/bin/python benchmarks/telegram_bench.py                 # fake engine, 1 run
    .venv/bin/python benchmarks/telegram_bench.py --engine real --repeat 3
    .venv/bin/python benchmarks/telegram_bench.py --profile       # where the time goes

For each framework (aiogram, python-telegram-bot) it starts one bot *process* per
configuration against the test Bot API server (tests/telegram/botapi_server.py) running
in this process, and measures, in the same run:

  echo     the framework alone: a handler that sends the text back (the ceiling);
  adapter  our adapter (TelegramCore, Sender, mapping) around the fake engine
           (--engine fake, default) or the real engine on a fresh SQLite file
           (--engine real; users are seeded with a language and a situation so that
           every question is answered rather than met with "who are you?").

Two loads per configuration:
  burst    5 000 updates from 500 users, all available at once → updates/s, and the
           latency from "update available" to "first reply received" (mostly queueing);
  paced    --paced updates offered at --rate per second → p50/p99 latency at that rate.

Flood control is switched off in the bot (FloodLimits.unlimited()): Telegram's own
limits (~30 messages/s) would otherwise be all we measured. Peak RSS is the bot
process's VmHWM. Numbers are medians over --repeat runs.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import signal
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "telegram"))

QUESTIONS = [
    ("uk", "як записатися до сімейного лікаря"),
    ("uk", "де отримати гроші на спорт для дитини"),
    ("ru", "где учить голландский язык"),
    ("nl", "waar vind ik een huisarts"),
    ("en", "how do I register my child at school"),
    ("uk", "коли працює консультація для українців"),
    ("nl", "ik zoek vrijwilligerswerk"),
    ("en", "where can I get help with work"),
    ("ru", "как получить деньги на жизнь"),
    ("uk", "де знайти стоматолога"),
]


# =========================================================================== child


def _child(args: argparse.Namespace) -> None:
    """The bot process: one framework, one handler, no flood control."""
    import logging

    if os.environ.get("WEGWIJS_BENCH_NO_SNIFFIO"):
        # What installing sniffio would save: httpcore tries `import sniffio` on every
        # request, and a failed import walks sys.path each time.
        sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

    logging.basicConfig(level=logging.WARNING)
    token = os.environ["WEGWIJS_TELEGRAM_TOKEN"]
    if args.handler in ("echo", "echo-answer"):
        asyncio.run(_echo(args.framework, token, args.api_base, big=args.handler == "echo-answer"))
    else:
        asyncio.run(_adapter(args, token))


async def _until_sigterm() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    return stop


#: A reply the size of a real answer (text and keyboard), for the "answer-sized" echo.
ANSWER_TEXT = ("Відповідь приблизно такої довжини, як справжня: кілька абзаців про те, куди "
               "звернутися, що взяти з собою і коли працює консультація. ") * 6
ANSWER_ROWS = [[("👍 Допомогло", "f:x:1"), ("👎 Не допомогло", "f:x:0")],
               [("Докладніше", "m:x"), ("Картка для працівника", "c:x")],
               [("📅 Консультація для українців", "r:x")], [("🔔 Повідомити", "sub:x"), ("☰ Меню", "menu")]]


async def _echo(framework: str, token: str, base: str, big: bool = False) -> None:
    stop = await _until_sigterm()
    if framework == "aiogram":
        from aiogram import Bot, Dispatcher, Router
        from aiogram.client.session.aiohttp import AiohttpSession
        from aiogram.client.telegram import TelegramAPIServer
        from aiogram.types import Message

        bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base)))
        dp = Dispatcher()
        router = Router()

        from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

        kb = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text=t, callback_data=d) for t, d in row]
                                                   for row in ANSWER_ROWS])

        @router.message()
        async def echo(message: Message) -> None:
            if big:
                await bot.send_message(message.chat.id, ANSWER_TEXT, reply_markup=kb)
            else:
                await bot.send_message(message.chat.id, message.text or "?")

        dp.include_router(router)
        polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False,
                                                       polling_timeout=5))
        await stop.wait()
        await dp.stop_polling()
        await polling
    else:
        os.environ.setdefault("PTB_TIMEDELTA", "true")
        from telegram import Update
        from telegram.ext import Application, ContextTypes, TypeHandler

        from telegram import InlineKeyboardButton, InlineKeyboardMarkup

        kb = InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in row] for row in ANSWER_ROWS])

        async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            if big:
                await context.bot.send_message(update.effective_chat.id, ANSWER_TEXT, reply_markup=kb)
            else:
                await context.bot.send_message(update.effective_chat.id, update.message.text or "?")

        from bot.adapters.ptb_adapter import CONCURRENT_UPDATES
        n = int(os.environ.get("WEGWIJS_PTB_CONCURRENCY", CONCURRENT_UPDATES))
        app = (Application.builder().token(token).base_url(f"{base}/bot")
               .concurrent_updates(n).job_queue(None).connection_pool_size(n + 8).build())
        app.add_handler(TypeHandler(Update, echo))
        await app.initialize()
        await app.updater.start_polling()
        await app.start()
        await stop.wait()
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def _adapter(args: argparse.Namespace, token: str) -> None:
    from bot.adapters.sending import FloodLimits
    from bot.adapters.telegram_common import TelegramCore, serve

    stop = await _until_sigterm()
    keyer, inner = _engine(args)
    store = getattr(inner, "store", None)
    if inner is None:  # the real engine in its own process, as `wegwijs serve` runs it
        from bot.engine_process import EngineProcess
        from bot.store import Store

        inner = await EngineProcess.start("bot.app:build_engine", log_level="WARNING", pack=args.pack,
                                          db_path=args.db, strict_content=False)
        store = Store.open(inner.db_path)
    engine = Counting(inner)
    core = TelegramCore(engine, keyer, store=store, limits=FloodLimits.unlimited())
    if args.framework == "aiogram":
        from bot.adapters.aiogram_adapter import AiogramAdapter
        adapter: Any = AiogramAdapter(token, core, api_base=args.api_base)
    else:
        from bot.adapters.ptb_adapter import CONCURRENT_UPDATES, PtbAdapter
        adapter = PtbAdapter(token, core, api_base=args.api_base, concurrent_updates=int(
            os.environ.get("WEGWIJS_PTB_CONCURRENCY", CONCURRENT_UPDATES)))
    gc.collect()  # as `wegwijs serve` does (bot/cli_telegram.py)
    gc.freeze()
    await serve(adapter, stop, poll_timeout=5)
    if hasattr(inner, "close"):
        await inner.close()
    if store is not None:
        store.close()


class Counting:
    """Tells the parent how many messages each update will produce (one line on stdout,
    written before they are sent), so it can attribute the messages it receives."""

    def __init__(self, engine: Any) -> None:
        from bot.adapters.telegram_common import render

        self.engine = engine
        self.render = render
        self.store = getattr(engine, "store", None)

    async def handle(self, incoming: Any) -> Any:
        replies = await self.engine.handle(incoming)
        n = sum(len(self.render(r)) for r in replies)
        sys.stdout.write(f"{incoming.update_id[3:]} {n}\n")
        sys.stdout.flush()
        return replies

    def commands(self, lang: str) -> list[tuple[str, str]]:
        return self.engine.commands(lang)


def _engine(args: argparse.Namespace) -> tuple[Any, Any]:
    if args.engine == "fake":
        from tg_fakes import FakeEngine, keyer
        return keyer, FakeEngine()
    from bot.app import build_engine, secret_for
    from bot.privacy import user_key

    secret = secret_for(Path(args.db))

    def keyer(uid: int) -> str:
        return user_key(secret, "telegram", uid)

    if not args.one_process:
        return keyer, None  # started by _adapter, inside the event loop
    return keyer, build_engine(pack=args.pack, db_path=args.db, strict_content=False)


# =========================================================================== parent


def _seed_users(db: Path, users: list[int], pack: str) -> None:
    """Give every user a language and a situation, so a question gets an answer."""
    from bot.app import secret_for
    from bot.privacy import user_key
    from bot.store import Store

    secret = secret_for(db)
    with Store.open(db) as store:
        for n, uid in enumerate(users):
            lang = QUESTIONS[n % len(QUESTIONS)][0]
            store.save_user(user_key(secret, "telegram", uid), lang=lang, audience="ukrainian")


def _rss_peak_mb(pid: int) -> float:
    """Peak RSS of the bot process plus its children (the engine process): the sum of
    each one's peak, so an upper bound of what the bot held at once."""
    total, seen = 0.0, False
    for p in _with_children(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
                    seen = True
        except OSError:
            pass
    return total if seen else float("nan")


def _with_children(pid: int) -> list[int]:
    out = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [q for c in (task / "children").read_text().split() for q in _with_children(int(c))]
        except OSError:
            pass
    return out


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


class Tracker:
    """Attributes each sendMessage to the update that caused it.

    One user's updates are handled in order, so a chat's messages arrive grouped by
    update; how many belong to each update the bot process reports on stdout (the real
    engine answers with one to three messages, depending on the question and the
    user's state). Counts may arrive after the messages; resolution waits for both.
    """

    def __init__(self, server: Any) -> None:
        self.server = server
        self.queue: dict[int, list[int]] = defaultdict(list)  # chat -> update ids in order
        self.arrivals: dict[int, list[float]] = defaultdict(list)  # chat -> unattributed
        self.count: dict[int, int] = {}
        self.latency: dict[int, float] = {}
        self.answered = 0
        self.done = asyncio.Event()
        self.expected = 0

    def expect(self, chat: int, update_id: int, count: int | None) -> None:
        self.queue[chat].append(update_id)
        if count is not None:
            self.count[update_id] = count
        self.expected += 1

    def set_count(self, update_id: int, count: int) -> None:
        self.count[update_id] = count
        for chat, pending in self.queue.items():
            if pending and pending[0] == update_id:
                self._advance(chat)
                break

    def on_call(self, call: Any) -> None:
        if call.method != "sendMessage" or call.status != 200:
            return
        chat = call.params["chat_id"]
        if chat in self.queue:
            self.arrivals[chat].append(call.t)
            self._advance(chat)

    def _advance(self, chat: int) -> None:
        pending, arrived = self.queue[chat], self.arrivals[chat]
        while pending and pending[0] in self.count and len(arrived) >= self.count[pending[0]]:
            uid = pending.pop(0)
            n = self.count[uid]
            if n:
                self.latency[uid] = arrived[0] - self.server.pushed_at[uid]
                del arrived[:n]
            self.answered += 1
        if self.answered == self.expected:
            self.done.set()


async def _read_counts(stream: asyncio.StreamReader, trackers: list[Tracker]) -> None:
    while line := await stream.readline():
        try:
            uid, n = (int(x) for x in line.split())
        except ValueError:
            continue
        if trackers:
            trackers[-1].set_count(uid, n)


async def _run_config(args: argparse.Namespace, framework: str, handler: str,
                      workdir: Path) -> dict[str, float]:
    from botapi_server import BotAPIServer

    server = BotAPIServer(enforce_flood_wait=False)
    await server.start()
    db = workdir / f"{framework}-{handler}-{time.monotonic_ns()}.db"
    users = list(range(10_000, 10_000 + args.users))
    engine = args.engine if handler == "adapter" else "none"
    if engine == "real":
        _seed_users(db, users, args.pack)
    env = dict(os.environ, WEGWIJS_TELEGRAM_TOKEN=server.token, WEGWIJS_DATA_DIR=str(workdir),
               WEGWIJS_SECRET_FILE=str(workdir / "bench.secret"), PTB_TIMEDELTA="true")
    cmd = [sys.executable]
    profile_out = workdir / f"{framework}-{handler}.prof"
    if args.profile and handler == "adapter":
        cmd += ["-m", "cProfile", "-o", str(profile_out)]
    cmd += [__file__, "--child", "--framework", framework, "--handler", handler,
            "--api-base", server.base, "--engine", args.engine, "--db", str(db), "--pack", args.pack]
    if args.one_process:
        cmd.append("--one-process")
    proc = await asyncio.create_subprocess_exec(*cmd, env=env, cwd=str(REPO),
                                                stdout=asyncio.subprocess.PIPE)
    trackers: list[Tracker] = []
    assert proc.stdout is not None
    reader = asyncio.create_task(_read_counts(proc.stdout, trackers))
    result: dict[str, float] = {}
    try:
        await server.wait_for(lambda: "getUpdates" in server.arrived, timeout=60)

        async def load(n_updates: int, rate: float | None, offset: int) -> Tracker:
            tracker = Tracker(server)
            trackers.append(tracker)
            server.calls.clear()
            server.on_call = tracker.on_call
            interval = 1.0 / rate if rate else 0.0
            started = time.monotonic()
            for i in range(n_updates):
                uid_user = users[i % len(users)]
                lang, text = QUESTIONS[(i // len(users) + offset + uid_user) % len(QUESTIONS)]
                if interval:
                    delay = started + i * interval - time.monotonic()
                    if delay > 0:
                        await asyncio.sleep(delay)
                update_id = server.push_text(uid_user, text, lang=lang)
                tracker.expect(uid_user, update_id, 1 if handler.startswith("echo") else None)
            try:
                await asyncio.wait_for(tracker.done.wait(), args.timeout)
            except asyncio.TimeoutError:
                got = sum(1 for c in server.calls if c.method == "sendMessage")
                stuck = {c: q for c, q in tracker.queue.items() if q}
                sample = next(iter(stuck), None)
                raise SystemExit(
                    f"{framework}/{handler}: only {len(tracker.latency)} of {tracker.expected} "
                    f"updates answered within {args.timeout:.0f}s ({got} messages received; "
                    f"e.g. chat {sample} still waits for {len(stuck.get(sample, []))}: "
                    f"{[c.params.get('text', '')[:60] for c in server.calls if c.method == 'sendMessage' and c.params.get('chat_id') == sample][-3:]})"
                ) from None
            return tracker

        t0 = time.monotonic()
        burst = await load(args.updates, None, 0)
        elapsed = max(burst.latency[u] + server.pushed_at[u] for u in burst.latency) - t0
        lat = [v * 1000 for v in burst.latency.values()]
        result.update(rate=args.updates / elapsed, p50=_pct(lat, 0.5), p99=_pct(lat, 0.99))
        paced = await load(args.paced, args.rate, 3)
        lat = [v * 1000 for v in paced.latency.values()]
        result.update(paced_p50=_pct(lat, 0.5), paced_p99=_pct(lat, 0.99))
        result["rss"] = _rss_peak_mb(proc.pid)
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), 30)
            except asyncio.TimeoutError:
                proc.kill()
                await proc.wait()
        server.on_call = None
        reader.cancel()
        await server.stop()
    if args.profile and handler == "adapter" and profile_out.exists():
        import pstats

        print(f"\n--- profile: {framework} adapter ({args.engine} engine), top 20 by own time ---")
        stats = pstats.Stats(str(profile_out))
        # WEGWIJS_BENCH_SORT=cumulative WEGWIJS_BENCH_FILTER=bot/ narrows it to our code;
        # WEGWIJS_BENCH_CALLERS / _CALLEES=<regex> show who calls what.
        restrictions = [r for r in (os.environ.get("WEGWIJS_BENCH_FILTER"),) if r] + [20]
        stats.sort_stats(os.environ.get("WEGWIJS_BENCH_SORT", "tottime")).print_stats(*restrictions)
        if os.environ.get("WEGWIJS_BENCH_CALLERS"):
            stats.print_callers(os.environ["WEGWIJS_BENCH_CALLERS"])
        if os.environ.get("WEGWIJS_BENCH_CALLEES"):
            stats.print_callees(os.environ["WEGWIJS_BENCH_CALLEES"])
    return result


async def _main(args: argparse.Namespace) -> None:
    frameworks = ["aiogram", "ptb"] if args.framework == "both" else [args.framework]
    results: dict[tuple[str, str], list[dict[str, float]]] = defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="wegwijs-bench-") as tmp:
        workdir = Path(tmp)
        for run in range(args.repeat):
            for framework in frameworks:
                for handler in ("echo", "echo-answer", "adapter") if args.answer_echo else ("echo", "adapter"):
                    r = await _run_config(args, framework, handler, workdir)
                    results[(framework, handler)].append(r)
                    print(f"run {run + 1}/{args.repeat} {framework:7} {handler:7} "
                          + " ".join(f"{k}={v:.1f}" for k, v in r.items()), file=sys.stderr)
    _table(args, frameworks, results)


def _table(args: argparse.Namespace, frameworks: list[str],
           results: dict[tuple[str, str], list[dict[str, float]]]) -> None:
    def med(fw: str, h: str, key: str) -> float:
        return statistics.median(r[key] for r in results[(fw, h)])

    print()
    print(f"{args.updates} updates from {args.users} users (burst), then {args.paced} at "
          f"{args.rate:.0f}/s (paced); engine={args.engine}; median of {args.repeat} run(s); "
          f"{os.cpu_count()} CPUs")
    head = ("framework", "handler", "updates/s", "% of echo", "burst p50 ms", "burst p99 ms",
            f"p50 ms @{args.rate:.0f}/s", f"p99 ms @{args.rate:.0f}/s", "peak RSS MB")
    rows = []
    for fw in frameworks:
        echo_rate = med(fw, "echo", "rate")
        for h in ("echo", "echo-answer", "adapter") if args.answer_echo else ("echo", "adapter"):
            label = {"echo": "echo", "echo-answer": "echo, answer-sized"}.get(h, f"{args.engine} engine")
            rows.append((fw, label, f"{med(fw, h, 'rate'):.0f}",
                         f"{100 * med(fw, h, 'rate') / echo_rate:.0f} %",
                         f"{med(fw, h, 'p50'):.1f}", f"{med(fw, h, 'p99'):.1f}",
                         f"{med(fw, h, 'paced_p50'):.1f}", f"{med(fw, h, 'paced_p99'):.1f}",
                         f"{med(fw, h, 'rss'):.0f}"))
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["fake", "real"], default="fake",
                        help="fake: the test double (adapter overhead only); real: bot.app.build_engine")
    parser.add_argument("--framework", choices=["aiogram", "ptb", "both"], default="both")
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--paced", type=int, default=1000, help="updates in the paced run")
    parser.add_argument("--rate", type=float, default=100.0, help="offered updates/s, paced run")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--pack", default="heemstede")
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("--answer-echo", action="store_true",
                        help="also measure an echo that sends a reply the size of a real answer "
                             "(~800 Cyrillic characters, 4 rows of buttons): how much of the gap "
                             "to echo is the size of what is sent")
    parser.add_argument("--one-process", action="store_true",
                        help="real engine in the bot's process (`wegwijs serve --one-process`) "
                             "instead of a second process (the default on 2+ cores)")
    parser.add_argument("--profile", action="store_true",
                        help="run the adapter bot under cProfile and print the top functions")
    # child mode (internal)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--handler", choices=["echo", "echo-answer", "adapter"], help=argparse.SUPPRESS)
    parser.add_argument("--api-base", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
    else:
        asyncio.run(_main(args))


if __name__ == "__main__":
    main()
