# The RemoteAccess module's documented parameter names and accepted values, for the cmdlets the WindowsRras format
# calls (Windows Server 2022 reference). Written down from these pages, which are the only source:
#   https://learn.microsoft.com/powershell/module/remoteaccess/add-vpns2sinterface
#   (MicrosoftDocs/windows-powershell-docs, docset/winserver2022-ps/remoteaccess/Add-VpnS2SInterface.md)
#   https://learn.microsoft.com/powershell/module/remoteaccess/connect-vpns2sinterface
#   (MicrosoftDocs/windows-powershell-docs, docset/winserver2022-ps/remoteaccess/Connect-VpnS2SInterface.md)
# A parameter with accepted values lists them; the others map to @().
@{
    'Add-VpnS2SInterface' = @{
        Name = @(); Protocol = @('L2TP', 'IKEv2', 'Automatic', 'SSTP'); Destination = @(); AdminStatus = @()
        PromoteAlternate = @(); AuthenticationMethod = @('EAP', 'MachineCertificates', 'PSKOnly', 'MSCHAPv2')
        PostConnectionIPv4Subnet = @(); PostConnectionIPv6Subnet = @(); InitiateConfigPayload = @()
        RadiusAttributeClass = @(); EnableQoS = @('Disabled', 'Enabled'); TxBandwidthKbps = @(); RxBandwidthKbps = @()
        IPv4TriggerFilter = @(); IPv6TriggerFilter = @(); Persistent = @(); AutoConnectEnabled = @()
        IPv4TriggerFilterAction = @('Allow', 'Deny'); IPv6TriggerFilterAction = @('Allow', 'Deny')
        SADataSizeForRenegotiationKilobytes = @(); IPv4Subnet = @(); IPv6Subnet = @()
        ResponderAuthenticationMethod = @('MachineCertificates', 'PSKOnly'); PassThru = @(); RoutingDomain = @()
        Certificate = @(); SharedSecret = @()
        NetworkOutageTimeSeconds = @('3', '6', '9', '12', '15', '30', '60', '120', '240', '360', '720', '900')
        NumberOfTries = @(); RetryIntervalSeconds = @(); SALifeTimeSeconds = @(); MMSALifeTimeSeconds = @()
        EapMethod = @('EAP-TLS', 'EAP-PEAP', 'EAP-MSCHAPv2'); InternalIPv4 = @(); InternalIPv6 = @()
        IdleDisconnectSeconds = @(); UserName = @(); Password = @(); CustomPolicy = @()
        EncryptionMethod = @('DES', 'DES3', 'AES128', 'AES192', 'AES256')
        IntegrityCheckMethod = @('MD5', 'SHA1', 'SHA256', 'SHA384')
        CipherTransformConstants = @(
            'DES', 'DES3', 'AES128', 'AES192', 'AES256', 'GCMAES128', 'GCMAES192', 'GCMAES256', 'None')
        AuthenticationTransformConstants = @(
            'MD596', 'SHA196', 'SHA256128', 'GCMAES128', 'GCMAES192', 'GCMAES256', 'None')
        PfsGroup = @('None', 'PFS1', 'PFS2', 'PFS2048', 'ECP256', 'ECP384', 'PFSMM', 'PFS24')
        DHGroup = @('None', 'Group1', 'Group2', 'Group14', 'ECP256', 'ECP384', 'Group24')
        SourceIpAddress = @(); LocalVpnTrafficSelector = @(); RemoteVpnTrafficSelector = @()
        EncryptionType = @('NoEncryption', 'RequireEncryption', 'OptionalEncryption', 'MaximumEncryption')
        GreKey = @(); GreTunnel = @(); IPv4Address = @(); IPv6Address = @()
        CimSession = @(); ThrottleLimit = @(); AsJob = @(); WhatIf = @(); Confirm = @()
    }
    'Connect-VpnS2SInterface' = @{
        Name = @(); PassThru = @(); CimSession = @(); ThrottleLimit = @(); AsJob = @(); WhatIf = @(); Confirm = @()
    }
}
