"""gunicorn's configuration for the site: `gunicorn -c scripts/gunicorn.conf.py`.

The application is loaded once, in the master process, which then reads the public listings'
indexes before it starts any worker: each worker, the first ones as well as one started
later to replace another, is forked with them in memory and serves its first listing at once.
Other settings (--bind, --workers, --timeout…) are given on the command line as usual.
"""

wsgi_app = "ecosysteme.wsgi:application"
preload_app = True


def when_ready(server):
    # Called in the master once the application is loaded, before the first fork.
    from django.db import connections

    from ecosysteme.pages.prechauffage import prechauffer

    prechauffer()
    # A connection opened here would be shared by every worker forked from this process.
    connections.close_all()
    server.log.info("Index des listes lus avant le démarrage des workers.")
