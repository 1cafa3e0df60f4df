namespace Streaming.Bench.LoadGen;

public static class Usage
{
    public const string Text = """
        LoadGen: player simulator and benchmark for the playback pipeline.

        dotnet run --project bench/LoadGen -c Release -- <command> [--name value ...]

        simulate   realistic viewers in real time (or faster), POSTing to ingest every second
          --ingest URL          ingest base URL (http://127.0.0.1:5101)
          --viewers N           simulated viewers (300)
          --speed X             virtual seconds per wall second (1); above 1 the clock starts in the past
                                and never runs ahead of the wall clock
          --duration S          wall seconds to run, 0 = until Ctrl+C / SIGTERM (0)
          --seed N              random seed for the viewers' behaviour (42)
          --max-batch N         split a second's events into POSTs of at most N events (1000)
          --player-key KEY      the ingest key of kind player (default: environment LOADGEN_PLAYER_KEY)
          --billing-key KEY     the ingest key of kind billing (default: environment LOADGEN_BILLING_KEY)
          --demo-setup URL      instead of the two keys: run demo-setup on the gateway at URL first (needs the
                                operator key: --operator-key or Auth__OperatorKey) and use the keys it issues

        demo-setup   puts the simulator's titles and channels into the catalog, split between two demo
                     distributors (demo-north, demo-south), issues the simulator's player and billing keys and an
                     access key per distributor, and prints them as NAME=value lines (keys are shown once)
          --gateway URL         gateway base URL (http://127.0.0.1:5102)
          --operator-key KEY    the operator key (default: environment Auth__OperatorKey)

        bench      throughput, latency at half load, and a MassTransit baseline
          --ingest URL          ingest base URL (http://127.0.0.1:5101)
          --redis CONFIG        StackExchange.Redis configuration (127.0.0.1:6379)
          --rabbit HOST         RabbitMQ host for the baseline, guest/guest (127.0.0.1)
          --partitions N        partition count the pipeline runs with (4)
          --namespace NAME      the pipeline's Pipeline:Namespace; keys read are "NAME.perf:..." ("")
          --events N            events per throughput run (1000000)
          --batch N             events per POST (500)
          --senders N           concurrent HTTP senders (8)
          --keys N              synthetic stream keys per run (20000)
          --titles N            synthetic titles per run (300)
          --event-age S         date each run's traffic to end S seconds before it is generated; 0 = now, as live
                                traffic is (0); 86400 = a day old, the traffic issue 10's first figures used
          --runs K              throughput and baseline repetitions; medians are reported (1)
          --warmup N            events sent (and waited for) before the first timed run, 0 = none (50000)
          --latency-seconds S   length of the half-load latency phase (20)
          --latency-settle S    seconds the latency phase paces its load before it counts, so that work the
                                throughput runs left behind is done (10)
          --latency-batch N     events per POST in the latency phase (same as --batch)
          --latency-rate R      events/s of the latency phase instead of half the measured end-to-end rate
          --baseline-events N   messages in the baseline (100000)
          --baseline-inflight N concurrent sends in the baseline (100)
          --stall-timeout S     give up waiting for 'processed' after S seconds without progress (30)
          --billing-every N     one subscription event per N playback events, posted beside them in requests of
                                100 (needs the Subscriptions service to consume them); 0 = none (100)
          --cpu NAME=PID,...    processes whose CPU time (/proc/PID/stat) each throughput run divides by its events,
                                read 3 s after the end-to-end count; the generator's own is added (none)
          --operator-key KEY    the operator key (default: environment Auth__OperatorKey): each run's titles and
                                channels are put into the catalog through --gateway, and events are posted with it
          --only PHASE          throughput | latency | baseline | queries: run one phase (latency runs throughput first);
                                subscriptions: the subscription path instead (needs the Subscriptions service):
                                throughput, latency at half load, and the gateway's channel query over a year
          --gateway URL         gateway base URL: the admin API, and the channel query timing (http://127.0.0.1:5102)
          --channels N          channels the synthetic subscribers (--keys of them) are spread over (20)
          --queries N           timed channel queries over a year of daily buckets (200)
                                ranking: CER ranking in process and the gateway's engagement query (needs the
                                gateway, same --namespace); seeds and then deletes month 2000-01 (see docs/benchmarks.md)
          --rank-units N        units ranked in process, and in the large engagement query (100000)
          --query-units N       units in the engagement query timed --queries times (10000)
                                queries: issue 13's query table (also run last by the default bench): seeds
                                --query-titles titles with one stream per UTC hour of a September free in the
                                namespace (2 events each) through ingest, waits for sessionization, checks each
                                answer against the seed, times --queries sequential queries per row; then
                                --listener-rounds throughput runs of --listener-events, alternately without and
                                with --listeners /v1/live streams (needs Gateway:LiveStreamsPerKey ≥ --listeners)
          --query-titles N      titles seeded, 720 hours each (1000)
          --query-seconds S     a query row stops after S seconds once it has 20 timed queries (30)
          --listeners N         /v1/live streams held open, 0 = no live comparison (1000)
          --listener-events N   events per throughput run of the live comparison (200000)
          --listener-rounds K   runs of the live comparison, odd: without, with, without, ... (3)

        Exit codes: 0 done, 1 bad arguments, 2 ingest unreachable, 3 a phase gave up (timeout).
        """;
}
