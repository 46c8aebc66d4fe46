// The Moddable modules this port imports, typed by @moddable/typings.
/// <reference path="../../node_modules/@moddable/typings/embedded_io/_common.d.ts" />
/// <reference path="../../node_modules/@moddable/typings/embedded_io/socket/tcp.d.ts" />
/// <reference path="../../node_modules/@moddable/typings/embedded_io/socket/udp.d.ts" />
/// <reference path="../../node_modules/@moddable/typings/embedded_io/socket/listener.d.ts" />
/// <reference path="../../node_modules/@moddable/typings/timer.d.ts" />
/// <reference path="../../node_modules/@moddable/typings/time.d.ts" />
/// <reference path="../../node_modules/@moddable/typings/net.d.ts" />
/// <reference path="../../node_modules/@moddable/typings/mc/config.d.ts" />
