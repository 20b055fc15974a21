"""Storyteller settings: one file, read from the environment (or a .env file).

With nothing set, the app runs as one process on SQLite with the in-memory channel
layer and the worker inside the web process, on the offline models.
"""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

# The default is for development only; `check --deploy` flags it by its prefix.
SECRET_KEY = env("SECRET_KEY", default="django-insecure-dev-only-set-SECRET_KEY-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# --- Security ---------------------------------------------------------------------
# Off by default so that `make run` works on http://127.0.0.1:8000 with nothing set; a
# production environment turns them on (see .env.example), and
# `manage.py check --deploy` names each one left off.
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Behind a proxy that terminates TLS and always sets X-Forwarded-Proto (never otherwise:
# a client could claim https itself).
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# --- end of Security -------------------------------------------------------------

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_htmx",
    "template_partials",
    "channels",
    "stories",
    "media_gen",
    "gallery",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "storyteller.tiers.TierAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "storyteller.urls"
ASGI_APPLICATION = "storyteller.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the page views read while the worker writes; the busy timeout and
    # IMMEDIATE transactions make concurrent writers wait instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

# Generated media lives under MEDIA_ROOT/<tier>/{images,videos,photos}/ and is served
# only through the tier-scoped media views, so there is deliberately no MEDIA_URL.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Who sends a media file once the view has checked its tier: "" (Django streams it),
# "x-accel-redirect" (nginx, from an internal location at MEDIA_ACCEL_PREFIX that maps
# to MEDIA_ROOT) or "x-sendfile" (Apache mod_xsendfile, lighttpd).
MEDIA_ACCEL = env("MEDIA_ACCEL", default="")
MEDIA_ACCEL_PREFIX = env("MEDIA_ACCEL_PREFIX", default="/protected-media/")

# Channels: Redis when REDIS_URL is set (scale-out), otherwise in-memory (embedded).
REDIS_URL = env("REDIS_URL", default="")
# Every key the layer writes starts with it, so installs (or test runs) sharing one Redis
# keep out of each other's way. "asgi" is channels-redis's own default.
REDIS_KEY_PREFIX = env("REDIS_KEY_PREFIX", default="asgi")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py's default socket_timeout equals channels-redis's BRPOP
                # timeout (5 s): an idle worker would die, so give it headroom.
                "hosts": [{"address": REDIS_URL, "socket_timeout": 10}],
                "prefix": REDIS_KEY_PREFIX,
                "capacity": 1000,
                "expiry": 120,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": 1000}}}

# Run the generation worker inside the web process (embedded mode).
EMBEDDED_WORKER = env.bool("EMBEDDED_WORKER", default=not REDIS_URL)

# Provider credentials. Keys are only ever read from here, never stored or shown.
OPENAI_API_KEY = env("OPENAI_API_KEY", default="")
OPENAI_BASE_URL = env("OPENAI_BASE_URL", default="https://api.openai.com/v1")
XAI_API_KEY = env("XAI_API_KEY", default="")
XAI_BASE_URL = env("XAI_BASE_URL", default="https://api.x.ai/v1")
GEMINI_API_KEY = env("GEMINI_API_KEY", default="")
GEMINI_BASE_URL = env("GEMINI_BASE_URL", default="https://generativelanguage.googleapis.com")
# The variables an OpenAI-compatible model row may name for its key, besides those whose
# name starts with STORYTELLER_KEY_ (storyteller.keys): no other is ever read for a row.
CUSTOM_KEY_VARIABLES = env.list("CUSTOM_KEY_VARIABLES", default=[])

# Offer video mode with the offline animator when no xAI key is set.
OFFLINE_VIDEO = env.bool("OFFLINE_VIDEO", default=True)

# Video mode: one clip per scene.
XAI_VIDEO_MODEL = env("XAI_VIDEO_MODEL", default="grok-imagine-video")
VIDEO_DURATION = env.int("VIDEO_DURATION", default=8)  # seconds
VIDEO_RESOLUTION = env("VIDEO_RESOLUTION", default="720p")
VIDEO_ASPECT_RATIO = env("VIDEO_ASPECT_RATIO", default="1:1")
VIDEO_POLL_INTERVAL = env.float("VIDEO_POLL_INTERVAL", default=5.0)  # seconds between status checks
VIDEO_TIMEOUT = env.float("VIDEO_TIMEOUT", default=300.0)  # give up on a clip after this long
VIDEO_MAX_BYTES = env.int("VIDEO_MAX_BYTES", default=300 * 1024 * 1024)

# Generation jobs.
JOB_CONCURRENCY = env.int("JOB_CONCURRENCY", default=50)  # jobs one worker process runs at once
JOB_PENDING_RESEND_AFTER = env.int("JOB_PENDING_RESEND_AFTER", default=30)  # seconds
# A running job's worker renews its lease every JOB_HEARTBEAT_INTERVAL seconds; a job whose
# lease lapsed (JOB_LEASE seconds unrenewed: its worker died) is taken back by the next sweep.
JOB_HEARTBEAT_INTERVAL = env.float("JOB_HEARTBEAT_INTERVAL", default=3.0)
JOB_LEASE = env.float("JOB_LEASE", default=15.0)
# The backstop for a job that hangs in a live worker (which keeps renewing its lease).
JOB_GENERATING_DEADLINE = env.int("JOB_GENERATING_DEADLINE", default=600)  # seconds
JOB_SWEEP_INTERVAL = env.float("JOB_SWEEP_INTERVAL", default=5.0)  # seconds
PROVIDER_TIMEOUT = env.float("PROVIDER_TIMEOUT", default=120.0)  # seconds per call
PROVIDER_RETRIES = env.int("PROVIDER_RETRIES", default=3)  # retries after the first try
PROVIDER_RETRY_BASE_DELAY = env.float("PROVIDER_RETRY_BASE_DELAY", default=1.0)
PROVIDER_RETRY_MAX_DELAY = env.float("PROVIDER_RETRY_MAX_DELAY", default=60.0)
# Seconds between two stored (and pushed) drafts of a scene being streamed: one database
# write and one push per interval, never one per token.
LIVE_DRAFT_INTERVAL = env.float("LIVE_DRAFT_INTERVAL", default=0.3)

# Memory mode: the largest reference photo upload accepted, in bytes.
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=10 * 1024 * 1024)
# The largest request body the server takes at all: the largest upload (a reference photo)
# plus room for the rest of its form. A larger one is refused with 413 before it is kept
# (storyteller.server, storyteller.limits).
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=PHOTO_MAX_BYTES + 2 * 1024 * 1024)

# Content tiers: each is a separate space at /<slug>/ with its own stories and media.
# An empty default model means the first available one in the admin's sort order, for text
# and pictures alike: the seeded order puts each provider's models at the same rank and the
# offline ones last, so a key someone set up is used for both (same provider), and with no
# key both are offline. Never a paid illustrator beside the offline storyteller unnoticed.
STORYTELLER_TIERS = {
    "kids": {
        "title": "Kids",
        "tagline": "Gentle adventures for young readers",
        "idea_placeholder": "A brave girl named Ava finds a dragon egg…",
        "guidelines": (
            "This story is for children aged 5 to 10. Keep it kind, gentle and playful: "
            "no violence, no death, nothing frightening beyond friendly suspense, simple "
            "words and short sentences. Illustrations are bright, friendly and cartoonish."
        ),
        "default_text_model": "",
        "default_image_model": "",
        "default_voice": "offline-narrator",
        "protected": env.bool("KIDS_PROTECTED", default=False),
        "target_scenes": 6,
        "write_ahead": env.bool("KIDS_WRITE_AHEAD", default=True),
    },
    "nsfw": {
        "title": "Grown-ups",
        "tagline": "Darker, grown-up tales",
        "idea_placeholder": "A lighthouse keeper hears knocking from under the sea…",
        "guidelines": (
            "This story is for adults. Mature themes, danger, tension and dark atmosphere "
            "are welcome; keep it tasteful and avoid gratuitous gore. Illustrations are "
            "cinematic and moody."
        ),
        "default_text_model": "",
        "default_image_model": "",
        "default_voice": "offline-narrator",
        "protected": env.bool("NSFW_PROTECTED", default=True),
        "target_scenes": 8,
        "write_ahead": env.bool("NSFW_WRITE_AHEAD", default=True),
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "landing"

# Sign-in throttling (django-axes, storyteller/signin.py): after LOGIN_FAILURE_LIMIT wrong
# passwords for one username from one address, or from one address for any usernames,
# signing in is paused there for LOGIN_LOCKOUT_MINUTES after the last try. Behind a
# proxy, daphne must be given --proxy-headers, or every sign-in shares the proxy's address.
AUTHENTICATION_BACKENDS = ["storyteller.signin.SignInThrottle", "django.contrib.auth.backends.ModelBackend"]
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
if env.bool("LOGIN_LOCKOUT_BY_IP", default=True):
    AXES_LOCKOUT_PARAMETERS.append("ip_address")
AXES_LOCKOUT_CALLABLE = "storyteller.signin.locked_out"
AXES_RESET_ON_SUCCESS = True  # the right password forgets the wrong ones before it

# Every handler hides the configured keys (a provider may echo one in an error, and a
# traceback may show it): give a handler you add the "redact_keys" filter too.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_keys": {"()": "storyteller.keys.RedactKeys"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_keys"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own handlers (its DEBUG console, mail to ADMINS) would not hide keys:
        # its records go to the root's handlers instead.
        "django": {"handlers": [], "level": "INFO"},
        "httpx": {"level": "WARNING"},
        "httpx2": {"level": "WARNING"},
        # fontTools (fpdf2's font subsetting) logs every glyph of every printed book at INFO.
        "fontTools": {"level": "WARNING"},
    },
}

STORAGES = {
    "default": {"BACKEND": "stories.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
