/** Options of the simulated network, with defaults that mirror a small lwIP device. */

export interface TcpOptions {
  /** Largest segment payload a host offers (TCP_MSS); the path MTU may lower it. */
  mss: number;
  /** Send buffer in bytes (TCP_SND_BUF): what `write` accepts beyond unacknowledged data. */
  sndbuf: number;
  /** Receive buffer in bytes (TCP_WND): the largest window advertised. */
  rcvbuf: number;
  /** Retransmission timeout before any RTT sample, ms. */
  initialRto: number;
  minRto: number;
  maxRto: number;
  /** SYN (and SYN-ACK) retransmissions before ETIMEDOUT. */
  synRetries: number;
  /** Data retransmissions before ETIMEDOUT (TCP_MAXRTX). */
  maxRetries: number;
  /** Longest an ACK for a lone full segment waits, ms (0: ACK every segment at once). */
  delayedAck: number;
  /** TIME_WAIT duration (2 × MSL), ms. */
  timeWait: number;
  /** How long a closed connection waits in FIN_WAIT_2 for the peer's FIN, ms. */
  finWait2Timeout: number;
  /** Keepalive defaults, seconds and count (TCP_KEEPIDLE/INTVL/CNT). */
  keepIdle: number;
  keepIntvl: number;
  keepCnt: number;
}

/**
 * The TCP options a host gets unless the network or the host sets others: a small lwIP-like device (MSS 1460, 5840-byte windows).
 */
export const DEFAULT_TCP: TcpOptions = {
  mss: 1460,
  sndbuf: 5840,
  rcvbuf: 5840,
  initialRto: 1000,
  minRto: 200,
  maxRto: 120000,
  synRetries: 6,
  maxRetries: 12,
  delayedAck: 100,
  timeWait: 120000,
  finWait2Timeout: 20000,
  keepIdle: 7200,
  keepIntvl: 75,
  keepCnt: 9,
};

/**
 * UDP options of a host: `rcvbuf`, the bytes a socket queues before it drops datagrams.
 */
export interface UdpOptions {
  /** Receive queue limit in payload bytes; datagrams beyond it are dropped. */
  rcvbuf: number;
}

/**
 * The UDP options a host gets unless the network or the host sets others (rcvbuf 8192).
 */
export const DEFAULT_UDP: UdpOptions = { rcvbuf: 8192 };

/**
 * What a link does to frames: latency, jitter, bandwidth, MTU, loss, reordering, duplication, corruption, up.
 */
export interface LinkOptions {
  /** One-way delay, ms. */
  latency: number;
  /** Extra uniform random delay in [0, jitter) ms per frame; can reorder frames, as netem's does. */
  jitter: number;
  /** Bits per second each way; 0 means unlimited (no serialization delay). */
  bandwidth: number;
  /** Largest IP packet the link carries, bytes. */
  mtu: number;
  /** Probability a frame is lost. */
  loss: number;
  /** Probability a frame is delivered twice. */
  duplicate: number;
  /** Probability a frame is held back by `reorderDelay` so later frames overtake it. */
  reorder: number;
  /** Extra delay of a reordered frame, ms. */
  reorderDelay: number;
  /** Probability a frame has a bit flipped (its checksum fails and the receiver drops it). */
  corrupt: number;
  /** With a bandwidth: the most bytes of frames (Ethernet header included) queued in one direction, the one on the wire counted; a frame that would exceed it is dropped (tail drop). 0: no limit. */
  queueBytes: number;
  /** False takes the link down: every frame is lost. */
  up: boolean;
}

/**
 * The options a link gets unless the network or MockNetwork.link sets others.
 */
export const DEFAULT_LINK: LinkOptions = {
  latency: 1,
  jitter: 0,
  bandwidth: 0,
  mtu: 1500,
  loss: 0,
  duplicate: 0,
  reorder: 0,
  reorderDelay: 5,
  corrupt: 0,
  queueBytes: 0,
  up: true,
};

/** The loopback interface: no delay, a large MTU. */
export const LOOPBACK_LINK: LinkOptions = { ...DEFAULT_LINK, latency: 0, mtu: 65535 };
