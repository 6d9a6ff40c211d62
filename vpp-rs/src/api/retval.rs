//! API `retval` codes: VPP 26.06's `foreach_vnet_error` table
//! (`vnet/error.h`), one constant per entry, named without the
//! `VNET_API_ERROR_` prefix of the C enumerators (`vnet/api_errno.h`).
//!
//! Each line has the form `pub const NAME: i32 = -N;` so that the build
//! script can compare it with the header's `VNET_API_ERROR_NAME`.

/// "Unspecified Error" (`VNET_API_ERROR_UNSPECIFIED`).
pub const UNSPECIFIED: i32 = -1;
/// "Invalid sw_if_index" (`VNET_API_ERROR_INVALID_SW_IF_INDEX`).
pub const INVALID_SW_IF_INDEX: i32 = -2;
/// "No such FIB / VRF" (`VNET_API_ERROR_NO_SUCH_FIB`).
pub const NO_SUCH_FIB: i32 = -3;
/// "No such inner FIB / VRF" (`VNET_API_ERROR_NO_SUCH_INNER_FIB`).
pub const NO_SUCH_INNER_FIB: i32 = -4;
/// "No such label" (`VNET_API_ERROR_NO_SUCH_LABEL`).
pub const NO_SUCH_LABEL: i32 = -5;
/// "No such entry" (`VNET_API_ERROR_NO_SUCH_ENTRY`).
pub const NO_SUCH_ENTRY: i32 = -6;
/// "Invalid value" (`VNET_API_ERROR_INVALID_VALUE`).
pub const INVALID_VALUE: i32 = -7;
/// "Invalid value #2" (`VNET_API_ERROR_INVALID_VALUE_2`).
pub const INVALID_VALUE_2: i32 = -8;
/// "Unimplemented" (`VNET_API_ERROR_UNIMPLEMENTED`).
pub const UNIMPLEMENTED: i32 = -9;
/// "Invalid sw_if_index #2" (`VNET_API_ERROR_INVALID_SW_IF_INDEX_2`).
pub const INVALID_SW_IF_INDEX_2: i32 = -10;
/// "System call error #1" (`VNET_API_ERROR_SYSCALL_ERROR_1`).
pub const SYSCALL_ERROR_1: i32 = -11;
/// "System call error #2" (`VNET_API_ERROR_SYSCALL_ERROR_2`).
pub const SYSCALL_ERROR_2: i32 = -12;
/// "System call error #3" (`VNET_API_ERROR_SYSCALL_ERROR_3`).
pub const SYSCALL_ERROR_3: i32 = -13;
/// "System call error #4" (`VNET_API_ERROR_SYSCALL_ERROR_4`).
pub const SYSCALL_ERROR_4: i32 = -14;
/// "System call error #5" (`VNET_API_ERROR_SYSCALL_ERROR_5`).
pub const SYSCALL_ERROR_5: i32 = -15;
/// "System call error #6" (`VNET_API_ERROR_SYSCALL_ERROR_6`).
pub const SYSCALL_ERROR_6: i32 = -16;
/// "System call error #7" (`VNET_API_ERROR_SYSCALL_ERROR_7`).
pub const SYSCALL_ERROR_7: i32 = -17;
/// "System call error #8" (`VNET_API_ERROR_SYSCALL_ERROR_8`).
pub const SYSCALL_ERROR_8: i32 = -18;
/// "System call error #9" (`VNET_API_ERROR_SYSCALL_ERROR_9`).
pub const SYSCALL_ERROR_9: i32 = -19;
/// "System call error #10" (`VNET_API_ERROR_SYSCALL_ERROR_10`).
pub const SYSCALL_ERROR_10: i32 = -20;
/// "Feature disabled by configuration" (`VNET_API_ERROR_FEATURE_DISABLED`).
pub const FEATURE_DISABLED: i32 = -30;
/// "Invalid registration" (`VNET_API_ERROR_INVALID_REGISTRATION`).
pub const INVALID_REGISTRATION: i32 = -31;
/// "Next hop not in FIB" (`VNET_API_ERROR_NEXT_HOP_NOT_IN_FIB`).
pub const NEXT_HOP_NOT_IN_FIB: i32 = -50;
/// "Unknown destination" (`VNET_API_ERROR_UNKNOWN_DESTINATION`).
pub const UNKNOWN_DESTINATION: i32 = -51;
/// "No paths specified in route" (`VNET_API_ERROR_NO_PATHS_IN_ROUTE`).
pub const NO_PATHS_IN_ROUTE: i32 = -52;
/// "Next hop not found (multipath)" (`VNET_API_ERROR_NEXT_HOP_NOT_FOUND_MP`).
pub const NEXT_HOP_NOT_FOUND_MP: i32 = -53;
/// "No matching interface for probe" (`VNET_API_ERROR_NO_MATCHING_INTERFACE`).
pub const NO_MATCHING_INTERFACE: i32 = -54;
/// "Invalid VLAN" (`VNET_API_ERROR_INVALID_VLAN`).
pub const INVALID_VLAN: i32 = -55;
/// "VLAN subif already exists" (`VNET_API_ERROR_VLAN_ALREADY_EXISTS`).
pub const VLAN_ALREADY_EXISTS: i32 = -56;
/// "Invalid src address" (`VNET_API_ERROR_INVALID_SRC_ADDRESS`).
pub const INVALID_SRC_ADDRESS: i32 = -57;
/// "Invalid dst address" (`VNET_API_ERROR_INVALID_DST_ADDRESS`).
pub const INVALID_DST_ADDRESS: i32 = -58;
/// "Address length mismatch" (`VNET_API_ERROR_ADDRESS_LENGTH_MISMATCH`).
pub const ADDRESS_LENGTH_MISMATCH: i32 = -59;
/// "Address not found for interface" (`VNET_API_ERROR_ADDRESS_NOT_FOUND_FOR_INTERFACE`).
pub const ADDRESS_NOT_FOUND_FOR_INTERFACE: i32 = -60;
/// "Address not deletable" (`VNET_API_ERROR_ADDRESS_NOT_DELETABLE`).
pub const ADDRESS_NOT_DELETABLE: i32 = -61;
/// "ip6 not enabled" (`VNET_API_ERROR_IP6_NOT_ENABLED`).
pub const IP6_NOT_ENABLED: i32 = -62;
/// "No such graph node" (`VNET_API_ERROR_NO_SUCH_NODE`).
pub const NO_SUCH_NODE: i32 = -63;
/// "No such graph node #2" (`VNET_API_ERROR_NO_SUCH_NODE2`).
pub const NO_SUCH_NODE2: i32 = -64;
/// "No such table" (`VNET_API_ERROR_NO_SUCH_TABLE`).
pub const NO_SUCH_TABLE: i32 = -65;
/// "No such table #2" (`VNET_API_ERROR_NO_SUCH_TABLE2`).
pub const NO_SUCH_TABLE2: i32 = -66;
/// "No such table #3" (`VNET_API_ERROR_NO_SUCH_TABLE3`).
pub const NO_SUCH_TABLE3: i32 = -67;
/// "Subinterface already exists" (`VNET_API_ERROR_SUBIF_ALREADY_EXISTS`).
pub const SUBIF_ALREADY_EXISTS: i32 = -68;
/// "Subinterface creation failed" (`VNET_API_ERROR_SUBIF_CREATE_FAILED`).
pub const SUBIF_CREATE_FAILED: i32 = -69;
/// "Invalid memory size requested" (`VNET_API_ERROR_INVALID_MEMORY_SIZE`).
pub const INVALID_MEMORY_SIZE: i32 = -70;
/// "Invalid interface" (`VNET_API_ERROR_INVALID_INTERFACE`).
pub const INVALID_INTERFACE: i32 = -71;
/// "Invalid number of tags for requested operation" (`VNET_API_ERROR_INVALID_VLAN_TAG_COUNT`).
pub const INVALID_VLAN_TAG_COUNT: i32 = -72;
/// "Invalid argument" (`VNET_API_ERROR_INVALID_ARGUMENT`).
pub const INVALID_ARGUMENT: i32 = -73;
/// "Unexpected interface state" (`VNET_API_ERROR_UNEXPECTED_INTF_STATE`).
pub const UNEXPECTED_INTF_STATE: i32 = -74;
/// "Tunnel already exists" (`VNET_API_ERROR_TUNNEL_EXIST`).
pub const TUNNEL_EXIST: i32 = -75;
/// "Invalid decap-next" (`VNET_API_ERROR_INVALID_DECAP_NEXT`).
pub const INVALID_DECAP_NEXT: i32 = -76;
/// "Response not ready" (`VNET_API_ERROR_RESPONSE_NOT_READY`).
pub const RESPONSE_NOT_READY: i32 = -77;
/// "Not connected to the data plane" (`VNET_API_ERROR_NOT_CONNECTED`).
pub const NOT_CONNECTED: i32 = -78;
/// "Interface already exists" (`VNET_API_ERROR_IF_ALREADY_EXISTS`).
pub const IF_ALREADY_EXISTS: i32 = -79;
/// "Operation not allowed on slave of BondEthernet" (`VNET_API_ERROR_BOND_SLAVE_NOT_ALLOWED`).
pub const BOND_SLAVE_NOT_ALLOWED: i32 = -80;
/// "Value already exists" (`VNET_API_ERROR_VALUE_EXIST`).
pub const VALUE_EXIST: i32 = -81;
/// "Source and destination are the same" (`VNET_API_ERROR_SAME_SRC_DST`).
pub const SAME_SRC_DST: i32 = -82;
/// "IP6 multicast address required" (`VNET_API_ERROR_IP6_MULTICAST_ADDRESS_NOT_PRESENT`).
pub const IP6_MULTICAST_ADDRESS_NOT_PRESENT: i32 = -83;
/// "Segment routing policy name required" (`VNET_API_ERROR_SR_POLICY_NAME_NOT_PRESENT`).
pub const SR_POLICY_NAME_NOT_PRESENT: i32 = -84;
/// "Not running as root" (`VNET_API_ERROR_NOT_RUNNING_AS_ROOT`).
pub const NOT_RUNNING_AS_ROOT: i32 = -85;
/// "Connection to the data plane already exists" (`VNET_API_ERROR_ALREADY_CONNECTED`).
pub const ALREADY_CONNECTED: i32 = -86;
/// "Unsupported JNI version" (`VNET_API_ERROR_UNSUPPORTED_JNI_VERSION`).
pub const UNSUPPORTED_JNI_VERSION: i32 = -87;
/// "IP prefix invalid (masked bits set in address" (`VNET_API_ERROR_IP_PREFIX_INVALID`).
pub const IP_PREFIX_INVALID: i32 = -88;
/// "Invalid worker thread" (`VNET_API_ERROR_INVALID_WORKER`).
pub const INVALID_WORKER: i32 = -89;
/// "LISP is disabled" (`VNET_API_ERROR_LISP_DISABLED`).
pub const LISP_DISABLED: i32 = -90;
/// "Classify table not found" (`VNET_API_ERROR_CLASSIFY_TABLE_NOT_FOUND`).
pub const CLASSIFY_TABLE_NOT_FOUND: i32 = -91;
/// "Unsupported LISP EID type" (`VNET_API_ERROR_INVALID_EID_TYPE`).
pub const INVALID_EID_TYPE: i32 = -92;
/// "Cannot create pcap file" (`VNET_API_ERROR_CANNOT_CREATE_PCAP_FILE`).
pub const CANNOT_CREATE_PCAP_FILE: i32 = -93;
/// "Invalid adjacency type for this operation" (`VNET_API_ERROR_INCORRECT_ADJACENCY_TYPE`).
pub const INCORRECT_ADJACENCY_TYPE: i32 = -94;
/// "Operation would exceed configured capacity of ranges" (`VNET_API_ERROR_EXCEEDED_NUMBER_OF_RANGES_CAPACITY`).
pub const EXCEEDED_NUMBER_OF_RANGES_CAPACITY: i32 = -95;
/// "Operation would exceed capacity of number of ports" (`VNET_API_ERROR_EXCEEDED_NUMBER_OF_PORTS_CAPACITY`).
pub const EXCEEDED_NUMBER_OF_PORTS_CAPACITY: i32 = -96;
/// "Invalid address family" (`VNET_API_ERROR_INVALID_ADDRESS_FAMILY`).
pub const INVALID_ADDRESS_FAMILY: i32 = -97;
/// "Invalid sub-interface sw_if_index" (`VNET_API_ERROR_INVALID_SUB_SW_IF_INDEX`).
pub const INVALID_SUB_SW_IF_INDEX: i32 = -98;
/// "Table too big" (`VNET_API_ERROR_TABLE_TOO_BIG`).
pub const TABLE_TOO_BIG: i32 = -99;
/// "Cannot enable/disable feature" (`VNET_API_ERROR_CANNOT_ENABLE_DISABLE_FEATURE`).
pub const CANNOT_ENABLE_DISABLE_FEATURE: i32 = -100;
/// "Duplicate BFD object" (`VNET_API_ERROR_BFD_EEXIST`).
pub const BFD_EEXIST: i32 = -101;
/// "No such BFD object" (`VNET_API_ERROR_BFD_ENOENT`).
pub const BFD_ENOENT: i32 = -102;
/// "BFD object in use" (`VNET_API_ERROR_BFD_EINUSE`).
pub const BFD_EINUSE: i32 = -103;
/// "BFD feature not supported" (`VNET_API_ERROR_BFD_NOTSUPP`).
pub const BFD_NOTSUPP: i32 = -104;
/// "Address in use" (`VNET_API_ERROR_ADDRESS_IN_USE`).
pub const ADDRESS_IN_USE: i32 = -105;
/// "Address not in use" (`VNET_API_ERROR_ADDRESS_NOT_IN_USE`).
pub const ADDRESS_NOT_IN_USE: i32 = -106;
/// "Queue full" (`VNET_API_ERROR_QUEUE_FULL`).
pub const QUEUE_FULL: i32 = -107;
/// "Unsupported application config" (`VNET_API_ERROR_APP_UNSUPPORTED_CFG`).
pub const APP_UNSUPPORTED_CFG: i32 = -108;
/// "URI FIFO segment create failed" (`VNET_API_ERROR_URI_FIFO_CREATE_FAILED`).
pub const URI_FIFO_CREATE_FAILED: i32 = -109;
/// "RLOC address is local" (`VNET_API_ERROR_LISP_RLOC_LOCAL`).
pub const LISP_RLOC_LOCAL: i32 = -110;
/// "BFD object cannot be manipulated at this time" (`VNET_API_ERROR_BFD_EAGAIN`).
pub const BFD_EAGAIN: i32 = -111;
/// "Invalid GPE mode" (`VNET_API_ERROR_INVALID_GPE_MODE`).
pub const INVALID_GPE_MODE: i32 = -112;
/// "LISP GPE entries are present" (`VNET_API_ERROR_LISP_GPE_ENTRIES_PRESENT`).
pub const LISP_GPE_ENTRIES_PRESENT: i32 = -113;
/// "Address found for interface" (`VNET_API_ERROR_ADDRESS_FOUND_FOR_INTERFACE`).
pub const ADDRESS_FOUND_FOR_INTERFACE: i32 = -114;
/// "Session failed to connect" (`VNET_API_ERROR_SESSION_CONNECT`).
pub const SESSION_CONNECT: i32 = -115;
/// "Entry already exists" (`VNET_API_ERROR_ENTRY_ALREADY_EXISTS`).
pub const ENTRY_ALREADY_EXISTS: i32 = -116;
/// "Svm segment create fail" (`VNET_API_ERROR_SVM_SEGMENT_CREATE_FAIL`).
pub const SVM_SEGMENT_CREATE_FAIL: i32 = -117;
/// "Application not attached" (`VNET_API_ERROR_APPLICATION_NOT_ATTACHED`).
pub const APPLICATION_NOT_ATTACHED: i32 = -118;
/// "Bridge domain already exists" (`VNET_API_ERROR_BD_ALREADY_EXISTS`).
pub const BD_ALREADY_EXISTS: i32 = -119;
/// "Bridge domain has member interfaces" (`VNET_API_ERROR_BD_IN_USE`).
pub const BD_IN_USE: i32 = -120;
/// "Bridge domain 0 can't be deleted/modified" (`VNET_API_ERROR_BD_NOT_MODIFIABLE`).
pub const BD_NOT_MODIFIABLE: i32 = -121;
/// "Bridge domain ID exceeds 16M limit" (`VNET_API_ERROR_BD_ID_EXCEED_MAX`).
pub const BD_ID_EXCEED_MAX: i32 = -122;
/// "Subinterface doesn't exist" (`VNET_API_ERROR_SUBIF_DOESNT_EXIST`).
pub const SUBIF_DOESNT_EXIST: i32 = -123;
/// "Client already exist for L2 MACs events" (`VNET_API_ERROR_L2_MACS_EVENT_CLINET_PRESENT`).
pub const L2_MACS_EVENT_CLINET_PRESENT: i32 = -124;
/// "Invalid queue" (`VNET_API_ERROR_INVALID_QUEUE`).
pub const INVALID_QUEUE: i32 = -125;
/// "Unsupported" (`VNET_API_ERROR_UNSUPPORTED`).
pub const UNSUPPORTED: i32 = -126;
/// "Address already present on another interface" (`VNET_API_ERROR_DUPLICATE_IF_ADDRESS`).
pub const DUPLICATE_IF_ADDRESS: i32 = -127;
/// "Invalid application namespace" (`VNET_API_ERROR_APP_INVALID_NS`).
pub const APP_INVALID_NS: i32 = -128;
/// "Wrong app namespace secret" (`VNET_API_ERROR_APP_WRONG_NS_SECRET`).
pub const APP_WRONG_NS_SECRET: i32 = -129;
/// "Connect scope" (`VNET_API_ERROR_APP_CONNECT_SCOPE`).
pub const APP_CONNECT_SCOPE: i32 = -130;
/// "App already attached" (`VNET_API_ERROR_APP_ALREADY_ATTACHED`).
pub const APP_ALREADY_ATTACHED: i32 = -131;
/// "Redirect failed" (`VNET_API_ERROR_SESSION_REDIRECT`).
pub const SESSION_REDIRECT: i32 = -132;
/// "Illegal name" (`VNET_API_ERROR_ILLEGAL_NAME`).
pub const ILLEGAL_NAME: i32 = -133;
/// "No name servers configured" (`VNET_API_ERROR_NO_NAME_SERVERS`).
pub const NO_NAME_SERVERS: i32 = -134;
/// "Name server not found" (`VNET_API_ERROR_NAME_SERVER_NOT_FOUND`).
pub const NAME_SERVER_NOT_FOUND: i32 = -135;
/// "Name resolution not enabled" (`VNET_API_ERROR_NAME_RESOLUTION_NOT_ENABLED`).
pub const NAME_RESOLUTION_NOT_ENABLED: i32 = -136;
/// "Server format error (bug!)" (`VNET_API_ERROR_NAME_SERVER_FORMAT_ERROR`).
pub const NAME_SERVER_FORMAT_ERROR: i32 = -137;
/// "No such name" (`VNET_API_ERROR_NAME_SERVER_NO_SUCH_NAME`).
pub const NAME_SERVER_NO_SUCH_NAME: i32 = -138;
/// "No addresses available" (`VNET_API_ERROR_NAME_SERVER_NO_ADDRESSES`).
pub const NAME_SERVER_NO_ADDRESSES: i32 = -139;
/// "Retry with new server" (`VNET_API_ERROR_NAME_SERVER_NEXT_SERVER`).
pub const NAME_SERVER_NEXT_SERVER: i32 = -140;
/// "Connect was filtered" (`VNET_API_ERROR_APP_CONNECT_FILTERED`).
pub const APP_CONNECT_FILTERED: i32 = -141;
/// "Inbound ACL in use" (`VNET_API_ERROR_ACL_IN_USE_INBOUND`).
pub const ACL_IN_USE_INBOUND: i32 = -142;
/// "Outbound ACL in use" (`VNET_API_ERROR_ACL_IN_USE_OUTBOUND`).
pub const ACL_IN_USE_OUTBOUND: i32 = -143;
/// "Initialization Failed" (`VNET_API_ERROR_INIT_FAILED`).
pub const INIT_FAILED: i32 = -144;
/// "Netlink error" (`VNET_API_ERROR_NETLINK_ERROR`).
pub const NETLINK_ERROR: i32 = -145;
/// "BIER bit-string-length unsupported" (`VNET_API_ERROR_BIER_BSL_UNSUP`).
pub const BIER_BSL_UNSUP: i32 = -146;
/// "Instance in use" (`VNET_API_ERROR_INSTANCE_IN_USE`).
pub const INSTANCE_IN_USE: i32 = -147;
/// "Session ID out of range" (`VNET_API_ERROR_INVALID_SESSION_ID`).
pub const INVALID_SESSION_ID: i32 = -148;
/// "ACL in use by a lookup context" (`VNET_API_ERROR_ACL_IN_USE_BY_LOOKUP_CONTEXT`).
pub const ACL_IN_USE_BY_LOOKUP_CONTEXT: i32 = -149;
/// "Invalid value #3" (`VNET_API_ERROR_INVALID_VALUE_3`).
pub const INVALID_VALUE_3: i32 = -150;
/// "Interface is not an Ethernet interface" (`VNET_API_ERROR_NON_ETHERNET`).
pub const NON_ETHERNET: i32 = -151;
/// "Bridge domain already has a BVI interface" (`VNET_API_ERROR_BD_ALREADY_HAS_BVI`).
pub const BD_ALREADY_HAS_BVI: i32 = -152;
/// "Invalid Protocol" (`VNET_API_ERROR_INVALID_PROTOCOL`).
pub const INVALID_PROTOCOL: i32 = -153;
/// "Invalid Algorithm" (`VNET_API_ERROR_INVALID_ALGORITHM`).
pub const INVALID_ALGORITHM: i32 = -154;
/// "Resource In Use" (`VNET_API_ERROR_RSRC_IN_USE`).
pub const RSRC_IN_USE: i32 = -155;
/// "invalid Key Length" (`VNET_API_ERROR_KEY_LENGTH`).
pub const KEY_LENGTH: i32 = -156;
/// "Unsupported FIB Path protocol" (`VNET_API_ERROR_FIB_PATH_UNSUPPORTED_NH_PROTO`).
pub const FIB_PATH_UNSUPPORTED_NH_PROTO: i32 = -157;
/// "Endian mismatch detected" (`VNET_API_ERROR_API_ENDIAN_FAILED`).
pub const API_ENDIAN_FAILED: i32 = -159;
/// "No change in table" (`VNET_API_ERROR_NO_CHANGE`).
pub const NO_CHANGE: i32 = -160;
/// "Missing certifcate or key" (`VNET_API_ERROR_MISSING_CERT_KEY`).
pub const MISSING_CERT_KEY: i32 = -161;
/// "limit exceeded" (`VNET_API_ERROR_LIMIT_EXCEEDED`).
pub const LIMIT_EXCEEDED: i32 = -162;
/// "port not managed by IKE" (`VNET_API_ERROR_IKE_NO_PORT`).
pub const IKE_NO_PORT: i32 = -163;
/// "UDP port already taken" (`VNET_API_ERROR_UDP_PORT_TAKEN`).
pub const UDP_PORT_TAKEN: i32 = -164;
/// "Retry stream call with cursor" (`VNET_API_ERROR_EAGAIN`).
pub const EAGAIN: i32 = -165;
/// "Invalid value #4" (`VNET_API_ERROR_INVALID_VALUE_4`).
pub const INVALID_VALUE_4: i32 = -166;
/// "Busy" (`VNET_API_ERROR_BUSY`).
pub const BUSY: i32 = -167;
/// "Bug" (`VNET_API_ERROR_BUG`).
pub const BUG: i32 = -168;
/// "Feature already disabled" (`VNET_API_ERROR_FEATURE_ALREADY_DISABLED`).
pub const FEATURE_ALREADY_DISABLED: i32 = -169;
/// "Feature already enabled" (`VNET_API_ERROR_FEATURE_ALREADY_ENABLED`).
pub const FEATURE_ALREADY_ENABLED: i32 = -170;
/// "Invalid prefix length" (`VNET_API_ERROR_INVALID_PREFIX_LENGTH`).
pub const INVALID_PREFIX_LENGTH: i32 = -171;

/// Every code with its name and VPP's message, in table order.
pub const ALL: &[(i32, &str, &str)] = &[
    (UNSPECIFIED, "UNSPECIFIED", "Unspecified Error"),
    (INVALID_SW_IF_INDEX, "INVALID_SW_IF_INDEX", "Invalid sw_if_index"),
    (NO_SUCH_FIB, "NO_SUCH_FIB", "No such FIB / VRF"),
    (NO_SUCH_INNER_FIB, "NO_SUCH_INNER_FIB", "No such inner FIB / VRF"),
    (NO_SUCH_LABEL, "NO_SUCH_LABEL", "No such label"),
    (NO_SUCH_ENTRY, "NO_SUCH_ENTRY", "No such entry"),
    (INVALID_VALUE, "INVALID_VALUE", "Invalid value"),
    (INVALID_VALUE_2, "INVALID_VALUE_2", "Invalid value #2"),
    (UNIMPLEMENTED, "UNIMPLEMENTED", "Unimplemented"),
    (INVALID_SW_IF_INDEX_2, "INVALID_SW_IF_INDEX_2", "Invalid sw_if_index #2"),
    (SYSCALL_ERROR_1, "SYSCALL_ERROR_1", "System call error #1"),
    (SYSCALL_ERROR_2, "SYSCALL_ERROR_2", "System call error #2"),
    (SYSCALL_ERROR_3, "SYSCALL_ERROR_3", "System call error #3"),
    (SYSCALL_ERROR_4, "SYSCALL_ERROR_4", "System call error #4"),
    (SYSCALL_ERROR_5, "SYSCALL_ERROR_5", "System call error #5"),
    (SYSCALL_ERROR_6, "SYSCALL_ERROR_6", "System call error #6"),
    (SYSCALL_ERROR_7, "SYSCALL_ERROR_7", "System call error #7"),
    (SYSCALL_ERROR_8, "SYSCALL_ERROR_8", "System call error #8"),
    (SYSCALL_ERROR_9, "SYSCALL_ERROR_9", "System call error #9"),
    (SYSCALL_ERROR_10, "SYSCALL_ERROR_10", "System call error #10"),
    (FEATURE_DISABLED, "FEATURE_DISABLED", "Feature disabled by configuration"),
    (INVALID_REGISTRATION, "INVALID_REGISTRATION", "Invalid registration"),
    (NEXT_HOP_NOT_IN_FIB, "NEXT_HOP_NOT_IN_FIB", "Next hop not in FIB"),
    (UNKNOWN_DESTINATION, "UNKNOWN_DESTINATION", "Unknown destination"),
    (NO_PATHS_IN_ROUTE, "NO_PATHS_IN_ROUTE", "No paths specified in route"),
    (NEXT_HOP_NOT_FOUND_MP, "NEXT_HOP_NOT_FOUND_MP", "Next hop not found (multipath)"),
    (NO_MATCHING_INTERFACE, "NO_MATCHING_INTERFACE", "No matching interface for probe"),
    (INVALID_VLAN, "INVALID_VLAN", "Invalid VLAN"),
    (VLAN_ALREADY_EXISTS, "VLAN_ALREADY_EXISTS", "VLAN subif already exists"),
    (INVALID_SRC_ADDRESS, "INVALID_SRC_ADDRESS", "Invalid src address"),
    (INVALID_DST_ADDRESS, "INVALID_DST_ADDRESS", "Invalid dst address"),
    (ADDRESS_LENGTH_MISMATCH, "ADDRESS_LENGTH_MISMATCH", "Address length mismatch"),
    (ADDRESS_NOT_FOUND_FOR_INTERFACE, "ADDRESS_NOT_FOUND_FOR_INTERFACE", "Address not found for interface"),
    (ADDRESS_NOT_DELETABLE, "ADDRESS_NOT_DELETABLE", "Address not deletable"),
    (IP6_NOT_ENABLED, "IP6_NOT_ENABLED", "ip6 not enabled"),
    (NO_SUCH_NODE, "NO_SUCH_NODE", "No such graph node"),
    (NO_SUCH_NODE2, "NO_SUCH_NODE2", "No such graph node #2"),
    (NO_SUCH_TABLE, "NO_SUCH_TABLE", "No such table"),
    (NO_SUCH_TABLE2, "NO_SUCH_TABLE2", "No such table #2"),
    (NO_SUCH_TABLE3, "NO_SUCH_TABLE3", "No such table #3"),
    (SUBIF_ALREADY_EXISTS, "SUBIF_ALREADY_EXISTS", "Subinterface already exists"),
    (SUBIF_CREATE_FAILED, "SUBIF_CREATE_FAILED", "Subinterface creation failed"),
    (INVALID_MEMORY_SIZE, "INVALID_MEMORY_SIZE", "Invalid memory size requested"),
    (INVALID_INTERFACE, "INVALID_INTERFACE", "Invalid interface"),
    (INVALID_VLAN_TAG_COUNT, "INVALID_VLAN_TAG_COUNT", "Invalid number of tags for requested operation"),
    (INVALID_ARGUMENT, "INVALID_ARGUMENT", "Invalid argument"),
    (UNEXPECTED_INTF_STATE, "UNEXPECTED_INTF_STATE", "Unexpected interface state"),
    (TUNNEL_EXIST, "TUNNEL_EXIST", "Tunnel already exists"),
    (INVALID_DECAP_NEXT, "INVALID_DECAP_NEXT", "Invalid decap-next"),
    (RESPONSE_NOT_READY, "RESPONSE_NOT_READY", "Response not ready"),
    (NOT_CONNECTED, "NOT_CONNECTED", "Not connected to the data plane"),
    (IF_ALREADY_EXISTS, "IF_ALREADY_EXISTS", "Interface already exists"),
    (BOND_SLAVE_NOT_ALLOWED, "BOND_SLAVE_NOT_ALLOWED", "Operation not allowed on slave of BondEthernet"),
    (VALUE_EXIST, "VALUE_EXIST", "Value already exists"),
    (SAME_SRC_DST, "SAME_SRC_DST", "Source and destination are the same"),
    (
        IP6_MULTICAST_ADDRESS_NOT_PRESENT,
        "IP6_MULTICAST_ADDRESS_NOT_PRESENT",
        "IP6 multicast address required",
    ),
    (SR_POLICY_NAME_NOT_PRESENT, "SR_POLICY_NAME_NOT_PRESENT", "Segment routing policy name required"),
    (NOT_RUNNING_AS_ROOT, "NOT_RUNNING_AS_ROOT", "Not running as root"),
    (ALREADY_CONNECTED, "ALREADY_CONNECTED", "Connection to the data plane already exists"),
    (UNSUPPORTED_JNI_VERSION, "UNSUPPORTED_JNI_VERSION", "Unsupported JNI version"),
    (IP_PREFIX_INVALID, "IP_PREFIX_INVALID", "IP prefix invalid (masked bits set in address"),
    (INVALID_WORKER, "INVALID_WORKER", "Invalid worker thread"),
    (LISP_DISABLED, "LISP_DISABLED", "LISP is disabled"),
    (CLASSIFY_TABLE_NOT_FOUND, "CLASSIFY_TABLE_NOT_FOUND", "Classify table not found"),
    (INVALID_EID_TYPE, "INVALID_EID_TYPE", "Unsupported LISP EID type"),
    (CANNOT_CREATE_PCAP_FILE, "CANNOT_CREATE_PCAP_FILE", "Cannot create pcap file"),
    (INCORRECT_ADJACENCY_TYPE, "INCORRECT_ADJACENCY_TYPE", "Invalid adjacency type for this operation"),
    (
        EXCEEDED_NUMBER_OF_RANGES_CAPACITY,
        "EXCEEDED_NUMBER_OF_RANGES_CAPACITY",
        "Operation would exceed configured capacity of ranges",
    ),
    (
        EXCEEDED_NUMBER_OF_PORTS_CAPACITY,
        "EXCEEDED_NUMBER_OF_PORTS_CAPACITY",
        "Operation would exceed capacity of number of ports",
    ),
    (INVALID_ADDRESS_FAMILY, "INVALID_ADDRESS_FAMILY", "Invalid address family"),
    (INVALID_SUB_SW_IF_INDEX, "INVALID_SUB_SW_IF_INDEX", "Invalid sub-interface sw_if_index"),
    (TABLE_TOO_BIG, "TABLE_TOO_BIG", "Table too big"),
    (CANNOT_ENABLE_DISABLE_FEATURE, "CANNOT_ENABLE_DISABLE_FEATURE", "Cannot enable/disable feature"),
    (BFD_EEXIST, "BFD_EEXIST", "Duplicate BFD object"),
    (BFD_ENOENT, "BFD_ENOENT", "No such BFD object"),
    (BFD_EINUSE, "BFD_EINUSE", "BFD object in use"),
    (BFD_NOTSUPP, "BFD_NOTSUPP", "BFD feature not supported"),
    (ADDRESS_IN_USE, "ADDRESS_IN_USE", "Address in use"),
    (ADDRESS_NOT_IN_USE, "ADDRESS_NOT_IN_USE", "Address not in use"),
    (QUEUE_FULL, "QUEUE_FULL", "Queue full"),
    (APP_UNSUPPORTED_CFG, "APP_UNSUPPORTED_CFG", "Unsupported application config"),
    (URI_FIFO_CREATE_FAILED, "URI_FIFO_CREATE_FAILED", "URI FIFO segment create failed"),
    (LISP_RLOC_LOCAL, "LISP_RLOC_LOCAL", "RLOC address is local"),
    (BFD_EAGAIN, "BFD_EAGAIN", "BFD object cannot be manipulated at this time"),
    (INVALID_GPE_MODE, "INVALID_GPE_MODE", "Invalid GPE mode"),
    (LISP_GPE_ENTRIES_PRESENT, "LISP_GPE_ENTRIES_PRESENT", "LISP GPE entries are present"),
    (ADDRESS_FOUND_FOR_INTERFACE, "ADDRESS_FOUND_FOR_INTERFACE", "Address found for interface"),
    (SESSION_CONNECT, "SESSION_CONNECT", "Session failed to connect"),
    (ENTRY_ALREADY_EXISTS, "ENTRY_ALREADY_EXISTS", "Entry already exists"),
    (SVM_SEGMENT_CREATE_FAIL, "SVM_SEGMENT_CREATE_FAIL", "Svm segment create fail"),
    (APPLICATION_NOT_ATTACHED, "APPLICATION_NOT_ATTACHED", "Application not attached"),
    (BD_ALREADY_EXISTS, "BD_ALREADY_EXISTS", "Bridge domain already exists"),
    (BD_IN_USE, "BD_IN_USE", "Bridge domain has member interfaces"),
    (BD_NOT_MODIFIABLE, "BD_NOT_MODIFIABLE", "Bridge domain 0 can't be deleted/modified"),
    (BD_ID_EXCEED_MAX, "BD_ID_EXCEED_MAX", "Bridge domain ID exceeds 16M limit"),
    (SUBIF_DOESNT_EXIST, "SUBIF_DOESNT_EXIST", "Subinterface doesn't exist"),
    (L2_MACS_EVENT_CLINET_PRESENT, "L2_MACS_EVENT_CLINET_PRESENT", "Client already exist for L2 MACs events"),
    (INVALID_QUEUE, "INVALID_QUEUE", "Invalid queue"),
    (UNSUPPORTED, "UNSUPPORTED", "Unsupported"),
    (DUPLICATE_IF_ADDRESS, "DUPLICATE_IF_ADDRESS", "Address already present on another interface"),
    (APP_INVALID_NS, "APP_INVALID_NS", "Invalid application namespace"),
    (APP_WRONG_NS_SECRET, "APP_WRONG_NS_SECRET", "Wrong app namespace secret"),
    (APP_CONNECT_SCOPE, "APP_CONNECT_SCOPE", "Connect scope"),
    (APP_ALREADY_ATTACHED, "APP_ALREADY_ATTACHED", "App already attached"),
    (SESSION_REDIRECT, "SESSION_REDIRECT", "Redirect failed"),
    (ILLEGAL_NAME, "ILLEGAL_NAME", "Illegal name"),
    (NO_NAME_SERVERS, "NO_NAME_SERVERS", "No name servers configured"),
    (NAME_SERVER_NOT_FOUND, "NAME_SERVER_NOT_FOUND", "Name server not found"),
    (NAME_RESOLUTION_NOT_ENABLED, "NAME_RESOLUTION_NOT_ENABLED", "Name resolution not enabled"),
    (NAME_SERVER_FORMAT_ERROR, "NAME_SERVER_FORMAT_ERROR", "Server format error (bug!)"),
    (NAME_SERVER_NO_SUCH_NAME, "NAME_SERVER_NO_SUCH_NAME", "No such name"),
    (NAME_SERVER_NO_ADDRESSES, "NAME_SERVER_NO_ADDRESSES", "No addresses available"),
    (NAME_SERVER_NEXT_SERVER, "NAME_SERVER_NEXT_SERVER", "Retry with new server"),
    (APP_CONNECT_FILTERED, "APP_CONNECT_FILTERED", "Connect was filtered"),
    (ACL_IN_USE_INBOUND, "ACL_IN_USE_INBOUND", "Inbound ACL in use"),
    (ACL_IN_USE_OUTBOUND, "ACL_IN_USE_OUTBOUND", "Outbound ACL in use"),
    (INIT_FAILED, "INIT_FAILED", "Initialization Failed"),
    (NETLINK_ERROR, "NETLINK_ERROR", "Netlink error"),
    (BIER_BSL_UNSUP, "BIER_BSL_UNSUP", "BIER bit-string-length unsupported"),
    (INSTANCE_IN_USE, "INSTANCE_IN_USE", "Instance in use"),
    (INVALID_SESSION_ID, "INVALID_SESSION_ID", "Session ID out of range"),
    (ACL_IN_USE_BY_LOOKUP_CONTEXT, "ACL_IN_USE_BY_LOOKUP_CONTEXT", "ACL in use by a lookup context"),
    (INVALID_VALUE_3, "INVALID_VALUE_3", "Invalid value #3"),
    (NON_ETHERNET, "NON_ETHERNET", "Interface is not an Ethernet interface"),
    (BD_ALREADY_HAS_BVI, "BD_ALREADY_HAS_BVI", "Bridge domain already has a BVI interface"),
    (INVALID_PROTOCOL, "INVALID_PROTOCOL", "Invalid Protocol"),
    (INVALID_ALGORITHM, "INVALID_ALGORITHM", "Invalid Algorithm"),
    (RSRC_IN_USE, "RSRC_IN_USE", "Resource In Use"),
    (KEY_LENGTH, "KEY_LENGTH", "invalid Key Length"),
    (FIB_PATH_UNSUPPORTED_NH_PROTO, "FIB_PATH_UNSUPPORTED_NH_PROTO", "Unsupported FIB Path protocol"),
    (API_ENDIAN_FAILED, "API_ENDIAN_FAILED", "Endian mismatch detected"),
    (NO_CHANGE, "NO_CHANGE", "No change in table"),
    (MISSING_CERT_KEY, "MISSING_CERT_KEY", "Missing certifcate or key"),
    (LIMIT_EXCEEDED, "LIMIT_EXCEEDED", "limit exceeded"),
    (IKE_NO_PORT, "IKE_NO_PORT", "port not managed by IKE"),
    (UDP_PORT_TAKEN, "UDP_PORT_TAKEN", "UDP port already taken"),
    (EAGAIN, "EAGAIN", "Retry stream call with cursor"),
    (INVALID_VALUE_4, "INVALID_VALUE_4", "Invalid value #4"),
    (BUSY, "BUSY", "Busy"),
    (BUG, "BUG", "Bug"),
    (FEATURE_ALREADY_DISABLED, "FEATURE_ALREADY_DISABLED", "Feature already disabled"),
    (FEATURE_ALREADY_ENABLED, "FEATURE_ALREADY_ENABLED", "Feature already enabled"),
    (INVALID_PREFIX_LENGTH, "INVALID_PREFIX_LENGTH", "Invalid prefix length"),
];

/// The name of a `retval` (without the `VNET_API_ERROR_` prefix), e.g.
/// `Some("NO_SUCH_ENTRY")` for -6; `None` for 0 and unknown codes.
pub fn name(retval: i32) -> Option<&'static str> {
    ALL.iter().find(|e| e.0 == retval).map(|e| e.1)
}

/// VPP's message for a `retval`, e.g. `Some("No such entry")` for -6.
pub fn message(retval: i32) -> Option<&'static str> {
    ALL.iter().find(|e| e.0 == retval).map(|e| e.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_negative_and_named() {
        for (i, a) in ALL.iter().enumerate() {
            assert!(a.0 < 0, "{}", a.1);
            assert!(ALL[i + 1..].iter().all(|b| b.0 != a.0 && b.1 != a.1), "{} repeated", a.1);
        }
        assert_eq!(ALL.len(), 143, "entries in VPP 26.06's table");
    }

    #[test]
    fn lookups() {
        assert_eq!(
            (UNSPECIFIED, INVALID_VALUE, UNIMPLEMENTED, INVALID_ARGUMENT, EAGAIN),
            (-1, -7, -9, -73, -165)
        );
        assert_eq!(name(-6), Some("NO_SUCH_ENTRY"));
        assert_eq!(message(INVALID_SW_IF_INDEX), Some("Invalid sw_if_index"));
        assert_eq!(name(0), None);
        assert_eq!(name(-158), None, "a gap in VPP's table");
    }
}
