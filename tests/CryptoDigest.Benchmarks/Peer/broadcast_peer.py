"""The simple peer of the `broadcast` benchmark: python-telegram-bot 13 sending one message to N chats at L a second.

Written from PTB 13's documented API (Bot, utils.request.Request, error.RetryAfter) the way a plain
user would pace a broadcast: a token bucket of L tokens a second holding at most one token (so no
second can start more than L + 1 sends; a bucket that let a burst of L through would start 2 L in the
first second and be answered 429), and a thread pool, because Bot.send_message blocks for its round
trip. On 429 (RetryAfter) a thread sleeps the time Telegram asked for, takes a new token and tries
again. PTB 13's own MessageQueue is deprecated and sends from a single thread, so it is not used.

Prints one JSON line when done: elapsed seconds from the first send to the last answer, processor
seconds of this process in that time, messages accepted, 429s seen, and chats that failed for another reason.
"""

import argparse
import json
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor

# Debian's PTB warns on import that it uses the system's urllib3 instead of its own copy.
warnings.filterwarnings("ignore", message=".*upstream urllib3.*")

from telegram import Bot  # noqa: E402
from telegram.error import RetryAfter, TelegramError  # noqa: E402
from telegram.utils.request import Request  # noqa: E402


class TokenBucket:
    """`rate` tokens a second, at most `capacity` kept; take() waits for a token when there is none."""

    def __init__(self, rate, capacity):
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.stamp = time.monotonic()
        self.lock = threading.Lock()

    def take(self):
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            # Take the token now even if it is not there yet (the balance goes negative), then wait
            # for it outside the lock, so waiting threads queue in order instead of racing.
            self.tokens -= 1
            wait = -self.tokens / self.rate if self.tokens < 0 else 0.0
        if wait > 0:
            time.sleep(wait)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", required=True, help="the Bot API stand-in, e.g. http://127.0.0.1:5000/")
    parser.add_argument("--token", required=True)
    parser.add_argument("--first-chat", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--rate", type=int, required=True, help="L, messages a second across all chats")
    parser.add_argument("--text-file", required=True, help="the message, Telegram HTML, UTF-8")
    parser.add_argument("--threads", type=int, default=32)
    args = parser.parse_args()

    with open(args.text_file, encoding="utf-8") as f:
        text = f.read()
    # One kept-alive connection per thread: PTB's default pool holds one, which would serialise the threads.
    bot = Bot(token=args.token, base_url=args.api.rstrip("/") + "/bot", request=Request(con_pool_size=args.threads))
    bucket = TokenBucket(args.rate, 1)
    lock = threading.Lock()
    totals = {"sent": 0, "floods": 0, "failed": 0}

    def count(key):
        with lock:
            totals[key] += 1

    def send(chat_id):
        while True:
            bucket.take()
            try:
                bot.send_message(chat_id=chat_id, text=text, parse_mode="HTML", disable_web_page_preview=True)
                count("sent")
                return
            except RetryAfter as e:
                count("floods")
                time.sleep(e.retry_after)
            except TelegramError:
                count("failed")
                return

    started = time.perf_counter()
    cpu_started = time.process_time()  # not counting the interpreter's start and PTB's import
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        list(pool.map(send, range(args.first_chat, args.first_chat + args.count)))
    elapsed = time.perf_counter() - started
    print(json.dumps({"elapsed": elapsed, "cpu": time.process_time() - cpu_started, **totals}), flush=True)


if __name__ == "__main__":
    main()
