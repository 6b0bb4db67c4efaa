"""The simple peer of the `commands` benchmark: python-telegram-bot 13 answering one command over a webhook.

Written from PTB 13's documented API (Updater, CommandHandler, start_webhook), the way a plain user
sets up a webhook bot: default Updater (its dispatcher runs the handler in its own thread, one update
at a time, as CommandHandler does unless run_async is asked for), no storage, no persistence. It
answers a fixed HTML text of about the length of CryptoDigest's /help reply, whatever the command.

PTB 13's webhook server (start_webhook) does not check the X-Telegram-Bot-Api-Secret-Token header, as
its documentation says; the benchmark sends it anyway and this peer ignores it.

Run by the benchmark with /usr/bin/python3 (Debian's python3-python-telegram-bot 13.15); prints
"ready" once start_webhook has returned, and stops when its standard input is closed.
"""

import argparse
import logging
import sys
import warnings

# Debian's PTB warns on import that it uses the system's urllib3 instead of its own copy.
warnings.filterwarnings("ignore", message=".*upstream urllib3.*")

from telegram.ext import CommandHandler, Updater  # noqa: E402

# About 800 characters, like the bot's /help reply: a title and one line per command.
ANSWER = "\n".join([
    "<b>What this bot can do</b>",
    "/start - a greeting and a short tour of the features",
    "/help - this list of everything the bot answers to",
    "/brief - the daily summary of the research newsletters",
    "/digest [source] - recent newsletter summaries, all sources or one",
    "/index &lt;question&gt; - index weights, backtests, drawdowns and concentration figures",
    "/security &lt;question&gt; - wallet and scam questions, link checks, chat link scanning",
    "/ask &lt;question&gt; - a free question about indices, security or the newsletters",
    "/subscribe [HH:MM] [zone] - the daily summary in this chat at a local time of day",
    "/unsubscribe - no more daily summaries in this chat",
    "/sources - the newsletters read and whether each one is working right now",
    "Summaries are research notes, never financial advice.",
])


def answer(update, context):
    context.bot.send_message(chat_id=update.effective_chat.id, text=ANSWER, parse_mode="HTML")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", required=True, help="the Bot API stand-in, e.g. http://127.0.0.1:5000/")
    parser.add_argument("--token", required=True)
    parser.add_argument("--port", type=int, required=True, help="the loopback port the webhook listens on")
    parser.add_argument("--path", required=True, help="the webhook's URL path, without the leading slash")
    parser.add_argument("--command", default="help", help="the command answered, without the slash")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    # base_url is the part before the token: PTB appends the token and then the method name.
    updater = Updater(token=args.token, base_url=args.api.rstrip("/") + "/bot", use_context=True)
    updater.dispatcher.add_handler(CommandHandler(args.command, answer))
    # webhook_url is what setWebhook tells Telegram (here the stand-in); the server listens on listen:port/url_path.
    updater.start_webhook(listen="127.0.0.1", port=args.port, url_path=args.path,
                          webhook_url="https://bot.example.test/" + args.path)
    print("ready", flush=True)
    sys.stdin.read()
    updater.stop()


if __name__ == "__main__":
    main()
